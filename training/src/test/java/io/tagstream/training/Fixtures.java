package io.tagstream.training;

import io.tagstream.model.Activation;
import io.tagstream.model.ConvLayerSpec;
import io.tagstream.model.EmittedFrames;
import io.tagstream.model.Encoder;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.FrontEnd;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import io.tagstream.model.StreamState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Small configs, random frames and comparisons shared by the training tests (all seeded). */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * A small front end: 3 channels of 3x3 kernels with stride 2 and one frame of lookahead, then 2 channels of
     * 2x1 causal kernels (an even kernel, time only).
     */
    static final FrontEnd FRONT_END = FrontEnd.of(new ConvLayerSpec(3, 3, 3, 2, 1), new ConvLayerSpec(2, 2, 1, 1, 0));

    /** A tiny encoder: I=5, d=8, 2 heads, F=12, 2 layers, L=3, R=1, 4 labels. */
    static EncoderConfig tiny(PositionEncoding position, NormPlacement norm, Activation activation) {
        return new EncoderConfig(5, 8, 2, 12, 2, 3, 1, 4, position, norm, activation);
    }

    /** The tiny encoder's sizes with {@link #FRONT_END} and no attention blocks: the front end alone. */
    static EncoderConfig tinyConvOnly(NormPlacement norm) {
        return tiny(PositionEncoding.ROTARY, norm, Activation.GELU).withFrontEnd(FRONT_END).withLayers(0);
    }

    /** {@code [count][dims]} frames ~ N(0, 2^2) + 1, like unnormalised features. */
    static float[][] frames(Random random, int count, int dims) {
        float[][] frames = new float[count][dims];
        for (float[] frame : frames) {
            for (int i = 0; i < dims; i++) {
                frame[i] = (float) (1 + 2 * random.nextGaussian());
            }
        }
        return frames;
    }

    /** Streams {@code frames} through {@code encoder} in random chunks of 0..maxChunk frames, then flushes. */
    static float[][] streamed(Encoder encoder, float[][] frames, Random random, int maxChunk) {
        StreamState stream = encoder.newStream();
        List<float[]> out = new ArrayList<>();
        int at = 0;
        while (at < frames.length) {
            int size = Math.min(frames.length - at, random.nextInt(maxChunk + 1));
            collect(stream.accept(Arrays.copyOfRange(frames, at, at + size)), out);
            at += size;
        }
        collect(stream.flush(), out);
        return out.toArray(new float[0][]);
    }

    private static void collect(EmittedFrames emitted, List<float[]> out) {
        out.addAll(Arrays.asList(emitted.probabilities()));
    }

    /** Largest |a - b| over equally shaped matrices; fails on a shape mismatch. */
    static double maxAbsDiff(float[][] a, float[][] b) {
        if (a.length != b.length) {
            throw new AssertionError(a.length + " rows vs " + b.length);
        }
        double max = 0;
        for (int r = 0; r < a.length; r++) {
            if (a[r].length != b[r].length) {
                throw new AssertionError("row " + r + ": " + a[r].length + " vs " + b[r].length);
            }
            for (int c = 0; c < a[r].length; c++) {
                max = Math.max(max, Math.abs(a[r][c] - b[r][c]));
            }
        }
        return max;
    }

    /**
     * {@code count} batches of {@code crops} crops of {@code cropFrames} frames from three random 20-frame clips of
     * random frames and targets (some unlabelled), class-weighted, seeded by {@code seed}.
     */
    static List<Batch> batches(EncoderConfig config, int cropFrames, int crops, int count, long seed) {
        Random random = new Random(seed);
        List<LabelledClip> clips = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            int[] targets = new int[20];
            for (int t = 0; t < targets.length; t++) {
                targets[t] = random.nextInt(config.labelCount() + 1) - 1;  // some unlabelled
            }
            targets[0] = 0;
            clips.add(new LabelledClip("clip" + c, frames(random, 20, config.inputDims()), targets));
        }
        CropSampler sampler = new CropSampler(clips, cropFrames, crops,
                ClassWeights.of(clips, config.labelCount(), true), config.labelCount(), FeatureAugmentation.NONE);
        List<Batch> batches = new ArrayList<>();
        for (int step = 0; step < count; step++) {
            batches.add(sampler.batch(seed + 1, step));
        }
        return batches;
    }
}
