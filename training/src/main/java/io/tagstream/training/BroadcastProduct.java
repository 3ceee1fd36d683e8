package io.tagstream.training;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * An element-wise product {@code x * y}, {@code y} broadcast over {@code x}, written so that its gradient is fast:
 * {@code y} is first broadcast to {@code x}'s shape by an addition to zeros, then multiplied at equal shapes. The value
 * is the same, bit for bit ({@code 0 + y == y}). Why: ND4J 1.0.0-M2.1's {@code multiply_bp} with a broadcast operand
 * takes 3.0-3.8 ms for {@code [1600, 96]} against {@code [96]}, {@code [1600, 1]} or {@code [200, 96]} on one core,
 * against 0.7 ms at equal shapes and 0.5 ms for a broadcast {@code add_bp} (measured; docs/training.md, "Step time"),
 * and the layer norms and rotary positions of a training step make 18 such products.
 */
final class BroadcastProduct {

    private BroadcastProduct() {
    }

    /** {@code x * y} for any {@code y} that broadcasts to {@code x}'s shape; {@code x}'s shape. */
    static SDVariable of(SameDiff sd, SDVariable x, SDVariable y) {
        return x.mul(sd.zerosLike(x).add(y));
    }
}
