package io.tagstream.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import io.tagstream.app.bench.ChaosBench;
import io.tagstream.demo.DemoSample;
import io.tagstream.model.ModelFile;
import picocli.CommandLine.Option;

/** The options of {@code tagstream bench chaos}, and how they become a {@link ChaosBench} run. */
final class ChaosBenchOptions {

    @Option(names = "--minutes", paramLabel = "N", defaultValue = "5",
            description = "How long the chaos suite's streams play and the kills go on (default 5).")
    private double minutes;

    @Option(names = "--chaos-streams", paramLabel = "N", defaultValue = "8",
            description = "Live streams of the chaos suite (default 8).")
    private int streams;

    @Option(names = "--broker-kills", description = "The chaos suite kills the broker too (one kill in four).")
    private boolean brokerKills;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "The chaos suite's schedule of kills and victims (default 1).")
    private long seed;

    Map<String, Double> run(Path model, PrintStream out) throws IOException, InterruptedException {
        ChaosBench.Options options;
        try {
            options = new ChaosBench.Options(minutes, streams, brokerKills, seed, model);
        } catch (IllegalArgumentException e) {
            throw new UserFacingError(e.getMessage(), e);
        }
        ModelFile file = ModelChoice.read(model);
        return ChaosBench.run(file, DemoSample.bundled(file.featureSpec().sampleRate()).audio(), options, out);
    }
}
