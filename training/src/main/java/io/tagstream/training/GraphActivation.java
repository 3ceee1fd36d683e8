package io.tagstream.training;

import io.tagstream.model.Activation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The feed-forward non-linearity as SameDiff ops, the formulas of {@link Activation}: ReLU {@code max(0, x)}, and
 * GELU in its tanh form {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))} (not the sigmoid approximation).
 */
final class GraphActivation {

    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double GELU_CUBIC = 0.044715;

    private GraphActivation() {
    }

    /** Element-wise {@code activation(x)}, any shape. */
    static SDVariable apply(SameDiff sd, Activation activation, SDVariable x) {
        return switch (activation) {
            case RELU -> sd.nn().relu(x, 0.0);
            case GELU -> {
                SDVariable inner = x.add(x.mul(x).mul(x).mul(GELU_CUBIC)).mul(SQRT_2_OVER_PI);
                yield x.mul(0.5).mul(sd.math().tanh(inner).add(1.0));
            }
        };
    }
}
