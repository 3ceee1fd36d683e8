package io.tagstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tagstream.app.PipelineHarness;
import io.tagstream.app.config.AppConfig;
import io.tagstream.app.config.AppConfigLoader;
import io.tagstream.app.labeller.EncoderLabeller;
import io.tagstream.app.labeller.TestEncoders;
import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.Pcm16;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.features.TarsosFeatureExtractor;
import io.tagstream.model.Encoder;
import io.tagstream.wire.LabelJson;
import io.tagstream.wire.LabelRecord;
import io.tagstream.wire.PcmChunk;
import io.tagstream.wire.PcmChunkCodec;

/**
 * The topology with the real ND4J encoder, with and without a convolutional front end, and the front end alone: labels
 * per frame equal the encoder's offline path (invariant 1).
 */
class EncoderTopologyTest {

    private static final FeatureSpec SPEC = FeatureSpec.DEFAULT;

    @TempDir
    Path stateDir;

    /** Which of {@link TestEncoders}' encoders: attention only, front end + attention, front end alone. */
    enum Kind { ATTENTION, FRONT_END_AND_ATTENTION, FRONT_END_ALONE }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void streamedLabelsEqualTheOfflineEncoderOnTheWholeRecording(Kind kind) {
        Encoder encoder = switch (kind) {
            case ATTENTION -> TestEncoders.small(42);
            case FRONT_END_AND_ATTENTION -> TestEncoders.withFrontEnd(42);
            case FRONT_END_ALONE -> TestEncoders.convOnly(42);
        };
        EncoderLabeller labeller = new EncoderLabeller(encoder, SPEC, TestEncoders.LABELS, "test-" + kind);
        AppConfig config = AppConfigLoader.load(null, Map.of(), Map.of("bootstrap.servers", "127.0.0.1:9",
                "state.dir", stateDir.toString()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "encoder-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        short[] pcm = Pcm16.quantize(PipelineHarness.recording(9, 4.0, SPEC).samples());
        PipelineMetrics metrics = new PipelineMetrics(labeller.modelId());
        try (TopologyTestDriver driver = new TopologyTestDriver(
                TagstreamTopology.build(config, labeller, metrics), props)) {
            TestInputTopic<String, byte[]> audio = driver.createInputTopic(config.topics().audio(),
                    new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, byte[]> labels = driver.createOutputTopic(config.topics().labels(),
                    new StringDeserializer(), new ByteArrayDeserializer());
            Random random = new Random(10);
            int sent = 0;
            while (sent < pcm.length) {
                int n = Math.min(pcm.length - sent, 100 + random.nextInt(4_000));
                audio.pipeInput("mic-1", PcmChunkCodec.encode(new PcmChunk("mic-1", sent, SPEC.sampleRate(),
                        PipelineHarness.T0, Arrays.copyOfRange(pcm, sent, sent + n), false)));
                sent += n;
            }
            audio.pipeInput("mic-1", PcmChunkCodec.encode(new PcmChunk("mic-1", sent, SPEC.sampleRate(),
                    PipelineHarness.T0, new short[0], true)));

            List<LabelRecord> out = labels.readValuesToList().stream().map(LabelJson::decodeLabel).toList();
            float[][] frames = StreamingFeatureExtractor.extractAll(new TarsosFeatureExtractor(SPEC),
                    Pcm16.toFloat(pcm));
            float[][] offline = encoder.probabilities(frames); // [T][labels]
            assertEquals(frames.length, out.size(), "one label per frame");
            double worst = 0;
            for (int t = 0; t < frames.length; t++) {
                assertEquals(t, out.get(t).frame());
                for (int k = 0; k < offline[t].length; k++) {
                    worst = Math.max(worst, Math.abs(offline[t][k] - out.get(t).probability(k)));
                }
            }
            assertTrue(worst <= 1e-4, "max |streamed - offline| = " + worst);
        }
        for (PipelineMetrics.TimedStage stage : PipelineMetrics.TimedStage.values()) {
            double seconds = metrics.stageSeconds(stage);
            assertTrue(seconds > 0 && seconds < 600, stage + " is timed: " + seconds + " s");
        }
    }
}
