package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PRODUCT.md invariant 3: the same audio gets the same probabilities whether the stream started 10 seconds or
 * 10 hours (3.6 million frames) before it. The 10-hour prefix is really streamed, through a tiny encoder with rotary
 * positions (the encoding that breaks when absolute positions are used in float32), with and without a
 * convolutional front end.
 */
class PositionInvarianceTest {

    private static final int TEN_SECONDS = 1_000;
    private static final int TEN_HOURS = 3_600_000;
    private static final int SEGMENT = 400;

    @Test
    void rotarySegmentAfterTenHoursMatchesSegmentAfterTenSeconds() {
        EncoderConfig config = new EncoderConfig(4, 8, 2, 16, 2, 4, 1, 4, PositionEncoding.ROTARY,
                NormPlacement.PRE_NORM, Activation.GELU);
        assertPositionInvariant(config, TEN_HOURS);
    }

    @Test
    void relativeBiasSegmentAfterOneHourMatchesSegmentAfterTenSeconds() {
        EncoderConfig config = new EncoderConfig(4, 8, 2, 16, 2, 4, 2, 4, PositionEncoding.RELATIVE_BIAS,
                NormPlacement.POST_NORM, Activation.RELU);
        assertPositionInvariant(config, TEN_HOURS / 10);
    }

    @Test
    void frontEndRotarySegmentAfterTenHoursMatchesSegmentAfterTenSeconds() {
        EncoderConfig config = new EncoderConfig(4, 8, 2, 16, 2, 4, 1, 4, PositionEncoding.ROTARY,
                NormPlacement.PRE_NORM, Activation.GELU).withFrontEnd(FrontEnd.of(new ConvLayerSpec(2, 3, 3, 2, 1),
                new ConvLayerSpec(2, 2, 3, 1, 0)));
        assertPositionInvariant(config, TEN_HOURS);
    }

    private static void assertPositionInvariant(EncoderConfig config, int longPrefix) {
        Encoder encoder = Encoder.create(EncoderWeights.random(config, 7),
                InferenceOptions.defaults(config).withBlockRows(4_096));
        float[][] segment = TestModels.randomFrames(new Random(8), SEGMENT, config.inputDims());

        float[][] afterSeconds = segmentAfterPrefix(encoder, TEN_SECONDS, 101, segment);
        float[][] afterHours = segmentAfterPrefix(encoder, longPrefix, 202, segment);

        // frames whose receptive field (N * L back, plus the front end's left context) lies inside the segment see
        // identical inputs in both runs
        int settled = config.layers() * config.leftContext() + config.frontEnd().leftContext();
        float[][] a = TestModels.slice(afterSeconds, settled, SEGMENT - settled);
        float[][] b = TestModels.slice(afterHours, settled, SEGMENT - settled);
        double diff = TestModels.maxAbsDiff(b, a);
        assertTrue(diff <= 1e-4, longPrefix + " vs " + TEN_SECONDS + " frames of prefix: max diff " + diff);
        // and both equal the segment labelled on its own (offline), away from its ends
        int tail = encoder.latencyFrames();
        float[][] alone = encoder.probabilities(segment);
        double offlineDiff = TestModels.maxAbsDiff(TestModels.slice(b, 0, b.length - tail),
                TestModels.slice(alone, settled, SEGMENT - settled - tail));
        assertTrue(offlineDiff <= 1e-4, "long prefix vs segment alone: max diff " + offlineDiff);
    }

    /** Streams {@code prefixFrames} random frames (seeded), then the segment, and returns the segment's output. */
    private static float[][] segmentAfterPrefix(Encoder encoder, int prefixFrames, long seed, float[][] segment) {
        StreamState stream = encoder.newStream();
        Random random = new Random(seed);
        int dims = encoder.config().inputDims();
        int sent = 0;
        while (sent < prefixFrames) {
            int n = Math.min(4_096 - random.nextInt(7), prefixFrames - sent);
            stream.accept(TestModels.randomFrames(random, n, dims));
            sent += n;
        }
        assertEquals(prefixFrames, stream.framesReceived());
        List<EmittedFrames> parts = new ArrayList<>();
        int at = 0;
        for (int size : TestModels.randomChunking(random, segment.length)) {
            parts.add(stream.accept(TestModels.slice(segment, at, size)));
            at += size;
        }
        parts.add(stream.flush());
        float[][] all = TestModels.concat(parts, prefixFrames - encoder.latencyFrames());
        return TestModels.slice(all, encoder.latencyFrames(), segment.length);
    }
}
