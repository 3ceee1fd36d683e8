package io.tagstream.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.tagstream.app.TagstreamApp;
import io.tagstream.app.config.AppConfig;
import io.tagstream.app.config.AppConfigLoader;
import io.tagstream.kafka.KafkaConnection;
import io.tagstream.kafka.TopicCreator;
import io.tagstream.model.ModelFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tagstream run}: the streams app against a Kafka cluster, until Ctrl-C. Configuration: defaults, then
 * {@code --config FILE}, then {@code TAGSTREAM_*} environment variables, then the flags.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the streams app (labels every frame of every stream) against a Kafka cluster until Ctrl-C.",
            "Settings come from --config FILE (.properties), then TAGSTREAM_* environment variables, then flags;",
            "keys: see docs/configuration.md. kafka.* keys go to the Kafka clients (security settings)."})
public final class RunCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    private Verbosity verbosity = new Verbosity();

    /** How long Ctrl-C waits for the app to commit and close. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(40);

    @Option(names = "--bootstrap", paramLabel = "H:P", description = "Kafka bootstrap servers.")
    private String bootstrap;

    @Option(names = "--config", paramLabel = "FILE", description = "A .properties file of settings.")
    private Path config;

    @Option(names = "--model", paramLabel = "FILE", description = "Model file (default: the bundled model).")
    private Path model;

    @Option(names = "--http-port", paramLabel = "P", description = "REST / dashboard port on http.host (default 8080).")
    private Integer httpPort;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any setting, e.g. --set num.standby.replicas=1.")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        if (bootstrap != null) {
            flags.put("bootstrap.servers", bootstrap);
        }
        if (model != null) {
            flags.put("model", model.toString());
        }
        if (httpPort != null) {
            flags.put("http.port", httpPort.toString());
        }
        AppConfig app = AppConfigLoader.load(config, System.getenv(), flags);
        CountDownLatch stop = new CountDownLatch(1);
        // the topics first: a cluster that cannot be reached is reported before anything else starts
        TopicCreator.ensureTopics(new KafkaConnection(app.bootstrapServers(), app.kafkaOverrides()), app.topics(),
                app.startupTimeout());
        try (CtrlC ctrlC = new CtrlC("tagstream-run", CLOSE_WAIT, stop::countDown);
             TagstreamApp running = new TagstreamApp(app, ModelChoice.labeller(app.model()))) {
            running.start();
            System.err.println("tagstream run: application " + app.applicationId() + " on " + app.bootstrapServers()
                    + ", REST at http://" + running.restAddress() + " (Ctrl-C stops)");
            stop.await();
        }
        return 0;
    }
}
