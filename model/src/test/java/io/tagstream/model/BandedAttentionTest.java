package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Hand-computed two-frame, one-head cases (d_k = 2) of the attention kernel, and the same cases through the test
 * oracle's masked attention, so that both are checked against arithmetic written out here.
 */
class BandedAttentionTest {

    // frame 0: q=(1,0) k=(1,0) v=(1,2);  frame 1: q=(0,1) k=(0,2) v=(3,-1)
    private static final float[] QKV = {
        1, 0, 1, 0, 1, 2,
        0, 1, 0, 2, 3, -1,
    };
    private static final double SQRT2 = Math.sqrt(2);

    @Test
    void causalWithRelativeBiasMatchesHandComputation() {
        EncoderConfig config = config(PositionEncoding.RELATIVE_BIAS, 1, 0);
        WeightTensor bias = WeightTensor.of(new float[] {0.5f, -0.25f}, 1, 2); // offsets -1, 0
        float[][] out = attend(config, bias, new AttentionSpan(1, 0), 0);
        // frame 0 sees only itself: context = v0
        assertEquals(1.0, out[0][0], 1e-6);
        assertEquals(2.0, out[0][1], 1e-6);
        assertEquals(0.0, out[2][0], 0.0, "offset -1 of frame 0 does not exist: weight exactly 0");
        assertEquals(1.0, out[2][1], 1e-6);
        // frame 1: s(1,0) = q1.k0/sqrt2 + b(-1) = 0 + 0.5;  s(1,1) = q1.k1/sqrt2 + b(0) = 2/sqrt2 - 0.25
        double s10 = 0.5;
        double s11 = 2 / SQRT2 - 0.25;
        double p0 = Math.exp(s10) / (Math.exp(s10) + Math.exp(s11));
        double p1 = 1 - p0;
        assertEquals(p0 * 1 + p1 * 3, out[1][0], 1e-6);
        assertEquals(p0 * 2 + p1 * -1, out[1][1], 1e-6);
        assertEquals(p0, out[3][0], 1e-6);
        assertEquals(p1, out[3][1], 1e-6);
    }

    @Test
    void rotaryScoresDependOnTheOffsetOnly() {
        EncoderConfig config = config(PositionEncoding.ROTARY, 1, 0);
        // theta_0 = 1 rad for d_k = 2. Offset 0: rotations cancel, s(1,1) = q1.k1/sqrt2 = 2/sqrt2.
        // Offset -1: s(1,0) = (R(p+1) q1).(R(p) k0)/sqrt2 = (R(1) q1).k0/sqrt2 = (-sin 1, cos 1).(1, 0)/sqrt2.
        double s10 = -Math.sin(1) / SQRT2;
        double s11 = 2 / SQRT2;
        double p0 = Math.exp(s10) / (Math.exp(s10) + Math.exp(s11));
        double p1 = 1 - p0;
        for (long first : new long[] {0, 1_023, 5_000_000_000L}) {
            float[][] out = attend(config, null, new AttentionSpan(1, 0), first);
            assertEquals(p0 * 1 + p1 * 3, out[1][0], 1e-6, "frames at " + first);
            assertEquals(p0 * 2 + p1 * -1, out[1][1], 1e-6, "frames at " + first);
            assertEquals(1.0, out[0][0], 1e-6, "frames at " + first);
            assertEquals(2.0, out[0][1], 1e-6, "frames at " + first);
        }
    }

    @Test
    void lookaheadLetsFrameZeroSeeFrameOne() {
        EncoderConfig config = config(PositionEncoding.RELATIVE_BIAS, 1, 1);
        WeightTensor bias = WeightTensor.of(new float[] {0f, 0f, 0.75f}, 1, 3); // offsets -1, 0, +1
        float[][] out = attend(config, bias, new AttentionSpan(1, 1), 0);
        // frame 0: s(0,0) = q0.k0/sqrt2 = 1/sqrt2;  s(0,1) = q0.k1/sqrt2 + b(+1) = 0 + 0.75
        double s00 = 1 / SQRT2;
        double s01 = 0.75;
        double p0 = Math.exp(s00) / (Math.exp(s00) + Math.exp(s01));
        assertEquals(p0 * 1 + (1 - p0) * 3, out[0][0], 1e-6);
        assertEquals(p0 * 2 + (1 - p0) * -1, out[0][1], 1e-6);
    }

    @Test
    void additiveScoresAreWDotTanhOfQueryPlusKeyUnscaled() {
        EncoderConfig config = config(PositionEncoding.RELATIVE_BIAS, 1, 0).withScoring(AttentionScoring.ADDITIVE);
        WeightTensor bias = WeightTensor.of(new float[] {0.5f, -0.25f}, 1, 2);   // offsets -1, 0
        WeightTensor w = WeightTensor.of(new float[] {2f, -1f}, 1, 2);
        float[][] out = attend(config, bias, w, new AttentionSpan(1, 0), 0);
        // q1 = (0, 1), k0 = (1, 0), k1 = (0, 2): s(1,0) = 2 tanh(1) - tanh(1) + b(-1); s(1,1) = 2 tanh(0) - tanh(3) + b(0)
        double s10 = 2 * Math.tanh(1) - Math.tanh(1) + 0.5;
        double s11 = -Math.tanh(3) - 0.25;
        double p0 = Math.exp(s10) / (Math.exp(s10) + Math.exp(s11));
        assertEquals(p0 * 1 + (1 - p0) * 3, out[1][0], 1e-6);
        assertEquals(p0 * 2 + (1 - p0) * -1, out[1][1], 1e-6);
        assertEquals(p0, out[3][0], 1e-6);
        double[][] oracle = ReferenceEncoder.maskedAttention(new double[][] {{1, 0}, {0, 1}},
                new double[][] {{1, 0}, {0, 2}}, new double[][] {{0, 0}, {0.5, -0.25}}, new double[] {2, -1},
                new AttentionSpan(1, 0));
        assertEquals(p0, oracle[1][0], 1e-12, "the oracle computes the same formula");
    }

    @Test
    void additiveWeightsAreRequiredExactlyWhenTheConfigScoresAdditively() {
        EncoderConfig dot = config(PositionEncoding.ROTARY, 1, 0);
        WeightTensor w = WeightTensor.of(new float[] {1f, 1f}, 1, 2);
        assertEquals("attention scoring DOT_PRODUCT needs no additive weights",
                assertThrows(IllegalArgumentException.class,
                        () -> new BandedAttention(dot, new AttentionSpan(1, 0), null, w)).getMessage());
        assertEquals("attention scoring ADDITIVE needs its additive weights",
                assertThrows(IllegalArgumentException.class, () -> new BandedAttention(
                        dot.withScoring(AttentionScoring.ADDITIVE), new AttentionSpan(1, 0), null, null)).getMessage());
    }

    @Test
    void oracleMaskedAttentionGivesTheSameHandComputedWeights() {
        double[][] q = {{1, 0}, {0, 1}};
        double[][] k = {{1, 0}, {0, 2}};
        double[][] bias = {{0, 0}, {0.5, -0.25}};
        double[][] w = ReferenceEncoder.maskedAttention(q, k, bias, new AttentionSpan(1, 0));
        double s10 = 0.5;
        double s11 = 2 / SQRT2 - 0.25;
        assertEquals(1.0, w[0][0], 1e-12);
        assertEquals(0.0, w[0][1], 0.0, "future frame masked: exactly 0");
        assertEquals(Math.exp(s10) / (Math.exp(s10) + Math.exp(s11)), w[1][0], 1e-12);
        // the oracle's absolute rotation of frame 1 by 1 rad
        double[] q1 = {0, 1};
        ReferenceEncoder.rotateAbsolute(q1, 1);
        assertEquals(-Math.sin(1), q1[0], 1e-12);
        assertEquals(Math.cos(1), q1[1], 1e-12);
    }

    private static EncoderConfig config(PositionEncoding position, int left, int right) {
        return new EncoderConfig(1, 2, 1, 1, 1, left, right, 2, position, NormPlacement.PRE_NORM, Activation.RELU);
    }

    /**
     * Rows 0-1: context of the two frames, at stream positions {@code first} and {@code first + 1}; rows 2-3: their
     * probed weights over offsets -left..right.
     */
    private static float[][] attend(EncoderConfig config, WeightTensor bias, AttentionSpan span, long first) {
        return attend(config, bias, null, span, first);
    }

    /** As above, with the additive scores' {@code w [1, 2]} when {@code additive} is not null. */
    private static float[][] attend(EncoderConfig config, WeightTensor bias, WeightTensor additive, AttentionSpan span,
            long first) {
        float[] qkv = QKV.clone();
        if (config.positionEncoding() == PositionEncoding.ROTARY) {
            new RotaryTable(1, 2).rotateRows(qkv, 0, 2, first);
        }
        KeyValueBuffer kv = new KeyValueBuffer(2, 4, 16);
        kv.append(qkv, 0, 2);
        BandedAttention attention = new BandedAttention(config, span, bias, additive);
        Workspace ws = new Workspace(config, span);
        float[] context = new float[4];
        float[] probe0 = new float[span.width()];
        float[] probe1 = new float[span.width()];
        RowBlock queries = new RowBlock(qkv, 0, 2, 2, 6);                   // [2, d] of qkv [2, 3d]
        attention.attend(kv, queries.slice(0, 1), 0, RowBlock.of(context, 0, 1, 2), ws, 0, probe0); // frame 0, row 0
        attention.attend(kv, queries.slice(1, 1), 1, RowBlock.of(context, 2, 1, 2), ws, 0, probe1); // frame 1, row 1
        return new float[][] {{context[0], context[1]}, {context[2], context[3]}, probe0, probe1};
    }
}
