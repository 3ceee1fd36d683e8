package io.tagstream.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where an evaluation writes: {@code report.json} ({@link ReportJson}), {@code report.md} ({@link ReportText}) and
 * {@code confusion.png} ({@link ConfusionChart}) in one directory.
 *
 * @param directory the report directory (created when written)
 */
public record EvaluationOutput(Path directory) {

    /** The default report directory of {@code model}: {@code out/m-eval/} for {@code out/m.zip}. */
    public static EvaluationOutput beside(Path model) {
        String name = String.valueOf(model.getFileName());
        String base = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        return new EvaluationOutput(model.resolveSibling(base + "-eval"));
    }

    public Path json() {
        return directory.resolve("report.json");
    }

    public Path markdown() {
        return directory.resolve("report.md");
    }

    public Path confusionPng() {
        return directory.resolve("confusion.png");
    }

    /** Writes the three files (creating the directory). */
    public void write(EvaluationReport report) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(json(), ReportJson.text(report), StandardCharsets.UTF_8);
        Files.writeString(markdown(), ReportText.markdown(report, confusionPng().getFileName().toString()),
                StandardCharsets.UTF_8);
        ConfusionChart.write(report.confusion(), report.data(), String.format(Locale.ROOT,
                "collar %.0f ms, %d frames scored, frame accuracy %s", report.collarMillis(), report.scoredFrames(),
                ReportText.score(report.accuracy())), confusionPng());
    }
}
