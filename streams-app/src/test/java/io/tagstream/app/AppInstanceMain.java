package io.tagstream.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.tagstream.app.config.AppConfig;
import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.labeller.TestEncoders;
import io.tagstream.kafka.TopicsConfig;

/**
 * An app instance in a JVM of its own, for the kill tests: {@code AppInstanceMain bootstrap appId stateDir standbys
 * inputPrefix outputPrefix}. Prints "RUNNING" once the app runs, then runs until killed or until its parent (the test
 * JVM) exits, so no instance outlives a test run.
 */
public final class AppInstanceMain {

    private AppInstanceMain() {
    }

    /** The real ND4J encoder (seeded weights), so a kill exercises its state rebuild from the window store. */
    static StreamLabeller labeller() {
        return TestEncoders.labeller(7);
    }

    /** The audio topic {@code input.audio}; the app's own topics under {@code prefix}. */
    static TopicsConfig topics(String input, String prefix) {
        TopicsConfig d = TopicsConfig.DEFAULT;
        return new TopicsConfig(input + ".audio", prefix + ".features", prefix + ".labels", prefix + ".segments",
                prefix + ".dlq", d.partitions(), d.replicationFactor());
    }

    public static void main(String[] args) throws Exception {
        AppConfig config = PipelineHarness.config(args[0], args[1], topics(args[4], args[5]), Path.of(args[2]),
                Map.of("num.standby.replicas", args[3],
                        // notice a killed instance within seconds, not the 45 s default
                        "kafka.session.timeout.ms", "10000", "kafka.heartbeat.interval.ms", "1000"));
        TagstreamApp app = new TagstreamApp(config, labeller());
        app.start();
        if (!app.awaitRunning(Duration.ofSeconds(120))) {
            System.out.println("NOT RUNNING");
            System.exit(2);
        }
        System.out.println("RUNNING");
        System.out.flush();
        // run until killed, or until the test JVM that started us is gone (its end of our stdin closes)
        while (System.in.read() >= 0) {
            // nothing is ever written to stdin; reading only detects the parent's exit
        }
        app.close();
        System.exit(0);
    }
}
