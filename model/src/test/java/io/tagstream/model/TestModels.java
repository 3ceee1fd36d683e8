package io.tagstream.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random configs, frames and chunkings for the property tests, and the comparisons they use. */
final class TestModels {

    private TestModels() {
    }

    /** A small random architecture covering every option; half of them have a front end. */
    static EncoderConfig randomConfig(Random random) {
        EncoderConfig config = randomConfigWithoutFrontEnd(random);
        return random.nextBoolean() ? config : config.withFrontEnd(randomFrontEnd(random));
    }

    /** A small random architecture with a front end. */
    static EncoderConfig randomConfigWithFrontEnd(Random random) {
        return randomConfigWithoutFrontEnd(random).withFrontEnd(randomFrontEnd(random));
    }

    /**
     * A small random conv-only architecture: a random front end with no attention blocks ({@code layers = 0}), its
     * kernels up to 9 frames long (so that its receptive field, the whole model's, is sometimes wider than a block
     * or a chunk), with either norm placement (pre-norm keeps the final LayerNorm).
     */
    static EncoderConfig randomConvOnlyConfig(Random random) {
        List<ConvLayerSpec> layers = new ArrayList<>();
        int count = 1 + random.nextInt(FrontEnd.MAX_LAYERS);
        for (int i = 0; i < count; i++) {
            int kernelTime = 1 + random.nextInt(9);
            layers.add(new ConvLayerSpec(1 + random.nextInt(3), kernelTime, 1 + 2 * random.nextInt(3),
                    1 + random.nextInt(2), random.nextInt(Math.min(kernelTime, 7))));
        }
        EncoderConfig c = randomConfigWithoutFrontEnd(random); // its attention fields stay, unused
        return new EncoderConfig(c.inputDims(), c.modelDims(), c.heads(), c.feedForwardDims(), 0, c.leftContext(),
                c.rightContext(), c.labelCount(), c.positionEncoding(), c.normPlacement(), c.activation(), c.scoring(),
                new FrontEnd(layers));
    }

    /**
     * The conv-only model of docs/model.md and docs/training.md with a 91-frame receptive field, small after the
     * front end: 3 conv layers of 16 channels, kernels of 31 frames x 3 bins, frequency strides 2, 2, 1, right
     * contexts 7, 7, 6 (lookahead 20 frames, receptive field 90 + 1 frames); 40 bins, d 16, no attention blocks.
     */
    static EncoderConfig convOnly91() {
        return new EncoderConfig(40, 16, 2, 32, 0, 8, 2, 4, PositionEncoding.ROTARY, NormPlacement.PRE_NORM,
                Activation.RELU, AttentionScoring.DOT_PRODUCT, FrontEnd.of(new ConvLayerSpec(16, 31, 3, 2, 7),
                        new ConvLayerSpec(16, 31, 3, 2, 7), new ConvLayerSpec(16, 31, 3, 1, 6)));
    }

    /**
     * The shipped default's design (models/default/README.md) at its real widths: 64 bands, 2 conv layers of 16
     * channels (3 x 3 kernels, frequency stride 2, one frame of lookahead), 2 pre-norm blocks of d 96, 4 heads,
     * feed-forward 384, rotary positions, left context 64, right context 9; so its GEMMs have the real shapes.
     */
    static EncoderConfig shippedDesign() {
        return new EncoderConfig(64, 96, 4, 384, 2, 64, 9, 4, PositionEncoding.ROTARY, NormPlacement.PRE_NORM,
                Activation.RELU, AttentionScoring.DOT_PRODUCT, FrontEnd.of(new ConvLayerSpec(16, 3, 3, 2, 1),
                        new ConvLayerSpec(16, 3, 3, 2, 1)));
    }

    /**
     * 1..3 conv layers (mostly 1 or 2) of 1..3 channels, kernels of 1..4 frames by 1, 3 or 5 bins, stride 1 or 2, any
     * right context: even and odd kernels, causal and centred ones.
     */
    static FrontEnd randomFrontEnd(Random random) {
        List<ConvLayerSpec> layers = new ArrayList<>();
        int count = new int[] {1, 1, 2, 2, 3}[random.nextInt(5)];
        for (int i = 0; i < count; i++) {
            int kernelTime = 1 + random.nextInt(4);
            layers.add(new ConvLayerSpec(1 + random.nextInt(3), kernelTime, 1 + 2 * random.nextInt(3),
                    1 + random.nextInt(2), random.nextInt(kernelTime)));
        }
        return new FrontEnd(layers);
    }

    private static EncoderConfig randomConfigWithoutFrontEnd(Random random) {
        PositionEncoding position = random.nextBoolean() ? PositionEncoding.ROTARY : PositionEncoding.RELATIVE_BIAS;
        int heads = 1 + random.nextInt(3);
        int headDims = position == PositionEncoding.ROTARY ? 2 * (1 + random.nextInt(4)) : 1 + random.nextInt(8);
        return new EncoderConfig(
                1 + random.nextInt(6),
                heads * headDims,
                heads,
                1 + random.nextInt(24),
                1 + random.nextInt(3),
                1 + random.nextInt(6),
                random.nextInt(4),
                2 + random.nextInt(4),
                position,
                random.nextBoolean() ? NormPlacement.PRE_NORM : NormPlacement.POST_NORM,
                random.nextBoolean() ? Activation.RELU : Activation.GELU)
                .withScoring(random.nextBoolean() ? AttentionScoring.DOT_PRODUCT : AttentionScoring.ADDITIVE);
    }

    /** {@code [t][dims]} values ~ N(0, 1.5^2). */
    static float[][] randomFrames(Random random, int t, int dims) {
        float[][] frames = new float[t][dims];
        for (float[] frame : frames) {
            for (int i = 0; i < dims; i++) {
                frame[i] = (float) (1.5 * random.nextGaussian());
            }
        }
        return frames;
    }

    /** Cuts {@code t} frames into random chunk sizes (including empty chunks), mostly small, sometimes large. */
    static List<Integer> randomChunking(Random random, int t) {
        List<Integer> sizes = new ArrayList<>();
        int left = t;
        while (left > 0) {
            int size = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> 1 + random.nextInt(5);
                default -> 1 + random.nextInt(Math.max(1, t / 2));
            };
            size = Math.min(size, left);
            sizes.add(size);
            left -= size;
        }
        return sizes;
    }

    /** Frames {@code [from, from + n)} of {@code frames}. */
    static float[][] slice(float[][] frames, int from, int n) {
        float[][] part = new float[n][];
        System.arraycopy(frames, from, part, 0, n);
        return part;
    }

    static double maxAbsDiff(float[][] actual, double[][] expected) {
        if (actual.length != expected.length) {
            throw new AssertionError("frame count " + actual.length + " != " + expected.length);
        }
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i].length != expected[i].length) {
                throw new AssertionError("row " + i + " length " + actual[i].length + " != " + expected[i].length);
            }
            for (int j = 0; j < actual[i].length; j++) {
                max = Math.max(max, Math.abs(actual[i][j] - expected[i][j]));
            }
        }
        return max;
    }

    static double maxAbsDiff(float[][] actual, float[][] expected) {
        double[][] widened = new double[expected.length][];
        for (int i = 0; i < expected.length; i++) {
            widened[i] = new double[expected[i].length];
            for (int j = 0; j < expected[i].length; j++) {
                widened[i][j] = expected[i][j];
            }
        }
        return maxAbsDiff(actual, widened);
    }

    /** Concatenates emitted probabilities, checking that they follow each other without gaps. */
    static float[][] concat(List<EmittedFrames> parts, long expectedFirst) {
        List<float[]> rows = new ArrayList<>();
        long next = expectedFirst;
        for (EmittedFrames part : parts) {
            if (!part.isEmpty() && part.firstFrame() != next) {
                throw new AssertionError("emitted frames start at " + part.firstFrame() + ", expected " + next);
            }
            for (float[] row : part.probabilities()) {
                rows.add(row);
                next++;
            }
        }
        return rows.toArray(new float[0][]);
    }
}
