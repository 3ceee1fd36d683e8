package io.tagstream.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tagstream.features.AudioFileException;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.WavDecoder;
import io.tagstream.features.WavWriter;
import io.tagstream.model.Activation;
import io.tagstream.model.Encoder;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.LabelSet;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WAV file labelled as a stream (decoded a block at a time, frames through an offline window or a stream state,
 * segments as they close) gives exactly the labels of the whole-file path, in both modes: long enough for several
 * decode blocks and several offline windows, at the pipeline rate and resampled.
 */
class StreamedLabellingTest {

    @TempDir
    Path dir;

    @Test
    void streamedLabelsEqualTheWholeFileLabelsBitForBitInBothModes() throws Exception {
        EncoderConfig config = new EncoderConfig(FeatureSpec.DEFAULT.dims(), 32, 2, 64, 2, 64, 10, 4,
                PositionEncoding.ROTARY, NormPlacement.PRE_NORM, Activation.RELU);
        try (Encoder encoder = Encoder.create(EncoderWeights.random(config, 11))) {
            RecordingLabeller labeller = new RecordingLabeller(encoder, FeatureSpec.DEFAULT, LabelSet.DEFAULT.names(),
                    new SegmentPolicy(5, 0.02));
            for (int rate : new int[] {16_000, 22_050}) {
                Path wav = dir.resolve("scene-" + rate + ".wav");
                WavWriter.write(wav, scene(new Random(rate), 100 * rate), rate); // 100 s: 10,000 frames
                float[] pcm = WavDecoder.decode(wav, FeatureSpec.DEFAULT.sampleRate()).samples();
                for (LabellingMode mode : LabellingMode.values()) {
                    LabelledRecording whole = labeller.label(pcm, mode);
                    Collected streamed = new Collected();
                    long frames = labeller.label(wav, mode, streamed);
                    String what = rate + " Hz, " + mode;
                    assertEquals(whole.frames(), frames, what);
                    assertEquals(whole.frames(), streamed.announced, what + ": frame count known up front");
                    assertEquals(whole.frames(), streamed.probabilities.size(), what);
                    for (int t = 0; t < whole.frames(); t++) {
                        assertArrayEquals(whole.probabilities()[t], streamed.probabilities.get(t), 0f, what + " " + t);
                    }
                    assertEquals(whole.segments(), streamed.segments, what);
                }
            }
        }
    }

    @Test
    void aBadFileFailsBeforeAnyFrameIsHandedOver() throws Exception {
        Path wav = dir.resolve("short.wav");
        Files.write(wav, new byte[] {'R', 'I', 'F', 'F'});
        EncoderConfig config = EncoderConfig.standard(FeatureSpec.DEFAULT.dims(), 4);
        RecordingLabeller labeller = new RecordingLabeller(Encoder.create(EncoderWeights.random(config, 1)),
                FeatureSpec.DEFAULT, LabelSet.DEFAULT.names(), SegmentPolicy.DEFAULT);
        Collected sink = new Collected();
        AudioFileException e = assertThrows(AudioFileException.class,
                () -> labeller.label(wav, LabellingMode.OFFLINE, sink));
        assertEquals("short.wav: not a WAV file: 4 bytes, shorter than the 12-byte RIFF header", e.getMessage());
        assertEquals(-1, sink.announced);
    }

    /** Alternating stretches of tone, noise and near-silence, so that segments change. */
    private static float[] scene(Random random, int length) {
        float[] x = new float[length];
        int stretch = 0;
        for (int i = 0; i < length; i++) {
            if (i % 7_000 == 0) {
                stretch = random.nextInt(3);
            }
            x[i] = (float) switch (stretch) {
                case 0 -> 0.3 * Math.sin(i * 0.07 * (1 + i % 3));
                case 1 -> 0.2 * random.nextGaussian();
                default -> 0.001 * random.nextGaussian();
            };
        }
        return x;
    }

    private static final class Collected implements LabelSink {
        long announced = -1;
        final List<float[]> probabilities = new ArrayList<>();
        final List<Segment> segments = new ArrayList<>();

        @Override
        public void begin(long frames) {
            announced = frames;
        }

        @Override
        public void frame(long frame, float[] p) {
            assertEquals(probabilities.size(), frame);
            probabilities.add(p);
        }

        @Override
        public void segment(Segment segment) {
            segments.add(segment);
        }
    }
}
