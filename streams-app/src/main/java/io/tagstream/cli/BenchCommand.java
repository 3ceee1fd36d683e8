package io.tagstream.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagstream.features.bench.FeatureBench;
import io.tagstream.broker.bench.BrokerStartBench;
import io.tagstream.app.labeller.ModelLabellers;
import io.tagstream.model.Nd4jNativeBuild;
import io.tagstream.model.bench.ModelBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tagstream bench}: the benchmark suites. Each prints its figures (and ratios measured in the same run); with
 * {@code --json} the figures of all chosen suites as one JSON object, name to number (and the engines,
 * {@code model_engine} and the pipeline's {@code engine}, names). The model suite runs the streams app's engine
 * ({@link ModelLabellers#GEMM}). Run on a quiet machine.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Runs benchmark suites: features (streaming extraction), broker (embedded broker start),",
            "model (encoder inference: streaming, batched, offline, GEMM reference), pipeline (embedded broker +",
            "streams app with exactly-once: sustained frames/s at max speed, frame->label latency of live streams),",
            "chaos (a broker and two app instances in JVMs of their own, live streams, an instance - and with",
            "--broker-kills the broker - SIGKILLed every 20-60 s: frames lost, doubled, labels against offline,",
            "how long labels stop after a kill).",
            "Default: features, broker, model.",
            "Run on a quiet machine; OMP_NUM_THREADS=1 (the launcher's default) is the measured setting."})
public final class BenchCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    private Verbosity verbosity = new Verbosity();

    @Parameters(arity = "0..*", paramLabel = "SUITE",
            description = "features, broker, model, pipeline, chaos (default: features broker model)")
    private List<String> suites = List.of("features", "broker", "model");

    @Option(names = "--json", description = "Print only one JSON object of all figures.")
    private boolean json;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "2.0",
            description = "Measuring time per model figure (default 2).")
    private double seconds;

    @CommandLine.Mixin
    private PipelineBenchOptions pipeline;

    @CommandLine.Mixin
    private ChaosBenchOptions chaos;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>(); // numbers, and the names of the engines and the ND4J build
        // in JSON mode the suites' own tables go nowhere, so stdout carries exactly one JSON object
        PrintStream out = json ? new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8) : System.out;
        String build = Nd4jNativeBuild.classifier();
        figures.put("nd4j_build", build);
        out.println("ND4J native build: " + build);
        for (String suite : suites) {
            switch (suite) {
                case "features" -> figures.putAll(FeatureBench.run(out));
                case "broker" -> figures.putAll(BrokerStartBench.run(5, out));
                case "model" -> {
                    ModelBench.Options options = new ModelBench.Options(false, seconds, 1, pipeline.model() == null
                            ? null : ModelChoice.read(pipeline.model()).weights(), ModelLabellers.GEMM);
                    figures.put("model_engine", ModelBench.engine(options));
                    figures.putAll(ModelBench.run(options, out));
                }
                case "pipeline" -> figures.putAll(pipeline.run(out));
                case "chaos" -> figures.putAll(chaos.run(pipeline.model(), out));
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown suite '" + suite + "': use features, broker, model, pipeline or chaos");
            }
        }
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(figures));
        }
        return 0;
    }
}
