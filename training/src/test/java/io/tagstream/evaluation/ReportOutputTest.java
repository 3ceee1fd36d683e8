package io.tagstream.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.json, report.md and the terminal summary of a hand-made report; the three files on disk. */
class ReportOutputTest {

    @TempDir
    Path dir;

    /** Two recordings; labels silence, speech, music, noise; no noise anywhere (its scores are undefined). */
    private static EvaluationReport report() {
        List<String> labels = ConfusionMatrixTest.FOUR;
        ConfusionMatrix a = new ConfusionMatrix(labels, new long[][] {
            {10, 0, 0, 0}, {2, 20, 0, 0}, {0, 1, 9, 0}, {0, 0, 0, 0}});
        ConfusionMatrix b = new ConfusionMatrix(labels, new long[][] {
            {5, 0, 0, 0}, {0, 8, 0, 0}, {0, 0, 10, 0}, {0, 0, 0, 0}});
        return EvaluationReport.of("model.zip", "dev split of corpus 'c'", 100, 10, ScoredLabels.FRAMES, labels,
                List.of(new RecordingResult("dev/a.wav", 42 + 20 + 3, 3, 20, a),
                        new RecordingResult("dev/b.wav", 23 + 10, 0, 10, b)));
    }

    /** The same recordings, b with what was present in its frames: all 8 speech frames had music under them. */
    private static EvaluationReport reportWithMixtures() {
        EvaluationReport plain = report();
        List<String> labels = ConfusionMatrixTest.FOUR;
        RecordingResult b = plain.recordings().get(1);
        RecordingResult withMixtures = new RecordingResult(b.name(), b.frames(), b.unlabelled(), b.inCollar(),
                b.confusion(), Map.of(
                        "nothing", new ConfusionMatrix(labels, new long[][] {
                            {5, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}}),
                        "speech + music", new ConfusionMatrix(labels, new long[][] {
                            {0, 0, 0, 0}, {0, 8, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}}),
                        "music", new ConfusionMatrix(labels, new long[][] {
                            {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 10, 0}, {0, 0, 0, 0}})), Map.of());
        return EvaluationReport.of(plain.model(), plain.data(), 100, 10, ScoredLabels.FRAMES, labels,
                List.of(plain.recordings().get(0), withMixtures));
    }

    @Test
    void mixturesAreListedLargestFirstWhenTheCorpusHasLayersFiles() throws Exception {
        assertTrue(report().byMixture().isEmpty());
        assertFalse(ReportText.summary(report()).contains("by what is present"));
        assertFalse(ReportJson.text(report()).contains("by_mixture"));
        EvaluationReport report = reportWithMixtures();
        assertEquals(List.of("music", "speech + music", "nothing"), List.copyOf(report.byMixture().keySet()));
        String md = ReportText.markdown(report, "confusion.png");
        // shares of all 65 scored frames
        assertTrue(md.contains("| present | frames | share | frame accuracy | labelled silence | labelled speech"
                + " | labelled music | labelled noise |\n"), md);
        assertTrue(md.contains("| music | 10 | 15.38 % | 1.0000 | 0.00 % | 0.00 % | 100.00 % | 0.00 % |\n"), md);
        assertTrue(md.contains("| nothing | 5 | 7.69 % | 1.0000 | 100.00 % | 0.00 % | 0.00 % | 0.00 % |\n"), md);
        assertTrue(ReportText.summary(report).contains("by what is present"));
        JsonNode json = new ObjectMapper().readTree(ReportJson.text(report));
        assertEquals(8, json.path("by_mixture").path("speech + music").path("scored").asLong());
        assertEquals(8, json.path("by_mixture").path("speech + music").path("confusion").path("counts").path(1)
                .path(1).asLong());
        assertThrows(IllegalArgumentException.class, () -> new RecordingResult("r", 33, 0, 10,
                report.recordings().get(1).confusion(), Map.of("music", report.byMixture().get("music")), Map.of()),
                "matrices by mixture that do not add up to the recording's are refused");
    }

    @Test
    void jsonCarriesCountsScoresAndNullForUndefined() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportJson.text(report()));
        assertEquals(98, json.path("frames").path("total").asLong());
        assertEquals(3, json.path("frames").path("unlabelled").asLong());
        assertEquals(30, json.path("frames").path("in_collar").asLong());
        assertEquals(65, json.path("frames").path("scored").asLong());
        // diagonal 15 + 28 + 19 = 62 of 65
        assertEquals(62.0 / 65, json.path("frame_accuracy").asDouble(), 1e-15);
        long sum = 0;
        for (JsonNode row : json.path("confusion").path("counts")) {
            for (JsonNode cell : row) {
                sum += cell.asLong();
            }
        }
        assertEquals(65, sum, "the matrix holds the scored frames");
        assertEquals(2, json.path("confusion").path("counts").path(1).path(0).asLong(), "speech labelled silence");
        assertTrue(json.path("classes").path("noise").path("f1").isNull(), "noise F1 is undefined");
        assertTrue(json.path("share_labelled_speech").path("noise").isNull());
        // music: 20 frames, 1 labelled speech
        assertEquals(0.05, json.path("share_labelled_speech").path("music").asDouble(), 1e-15);
        // speech vs rest: tp 28, fn 2, fp 1 -> F1 56 / (56 + 1 + 2) = 56/59
        assertEquals(56.0 / 59, json.path("speech_vs_rest").path("f1").asDouble(), 1e-15);
        // macro over silence 30/(17+15), speech 56/(30+29), music 38/(20+19): (30/32 + 56/59 + 38/39) / 3
        assertEquals((30.0 / 32 + 56.0 / 59 + 38.0 / 39) / 3, json.path("macro_f1").asDouble(), 1e-15);
        assertEquals("dev/b.wav", json.path("recordings").path(1).path("name").asText());
        assertEquals(1.0, json.path("recordings").path(1).path("frame_accuracy").asDouble());
    }

    @Test
    void markdownAndSummaryShowTheTables() {
        String md = ReportText.markdown(report(), "confusion.png");
        assertTrue(md.contains("| reference \\ predicted | silence | speech | music | noise |\n"
                + "| --- | ---: | ---: | ---: | ---: |\n"
                + "| silence | 15 (100.00 %) | 0 (0.00 %) | 0 (0.00 %) | 0 (0.00 %) |\n"
                + "| speech | 2 (6.67 %) | 28 (93.33 %) | 0 (0.00 %) | 0 (0.00 %) |\n"), md);
        assertTrue(md.contains("| noise | 0 (n/a) | 0 (n/a) | 0 (n/a) | 0 (n/a) |"), md);
        assertTrue(md.contains("| noise | n/a | n/a | n/a | 0 | 0 |"), md);
        assertTrue(md.contains("![confusion matrix](confusion.png)"), md);
        String summary = ReportText.summary(report());
        assertTrue(summary.contains("frames: 65 scored of 98 (30 in the 100 ms collar, 3 unlabelled), 10 ms each"),
                summary);
        assertTrue(summary.contains("music labelled speech 5.00 % of 20 frames, noise labelled speech n/a of 0 frames"),
                summary);
        assertTrue(summary.contains("frame accuracy 0.9538"), summary);
    }

    @Test
    void theThreeFilesAreWrittenBesideTheModel() throws Exception {
        EvaluationOutput output = EvaluationOutput.beside(dir.resolve("m.zip"));
        assertEquals(dir.resolve("m-eval"), output.directory());
        output.write(report());
        assertEquals(ReportJson.text(report()), Files.readString(output.json()));
        assertTrue(Files.readString(output.markdown()).startsWith("# Evaluation\n"));
        BufferedImage png = ImageIO.read(output.confusionPng().toFile());
        assertEquals(ConfusionChart.size(4).width, png.getWidth());
        assertEquals(ConfusionChart.size(4).height, png.getHeight());
    }
}
