package io.tagstream.training;

import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.WeightLayout;
import io.tagstream.model.WeightTensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Seeded initial weights for training: every projection {@code W [in, out]} ~ N(0, 1/in); front-end conv kernels
 * {@code [Co, Ci, kT, kF]} ~ N(0, 2 / (Ci kT kF)) (He/Kaiming: each is followed by ReLU); the two projections that
 * write into the residual stream ({@code attn.out}, {@code ffn.down}) further scaled by {@code 1/sqrt(2 layers)} (so
 * the residual stream does not grow with depth); biases and relative position biases 0; LayerNorm gains 1.
 */
public final class InitialWeights {

    private InitialWeights() {
    }

    /** Initial weights of {@code config} with the given input normalisation; the same seed gives the same weights. */
    public static EncoderWeights of(EncoderConfig config, FeatureStatistics statistics, long seed) {
        Random random = new Random(seed);
        Map<String, WeightTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> entry : WeightLayout.of(config).entrySet()) {
            String name = entry.getKey();
            int[] shape = entry.getValue();
            float[] values = new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
            if (name.endsWith(".gain")) {
                Arrays.fill(values, 1f);
            } else if (name.endsWith("attn.additive")) {
                double scale = 1.0 / Math.sqrt(shape[1]);                   // w of w · tanh(q + k), per head [dk]
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (scale * random.nextGaussian());
                }
            } else if (name.startsWith(WeightLayout.FRONT_END_PREFIX) && name.endsWith(".weight")) {
                double scale = Math.sqrt(2.0 / (shape[1] * shape[2] * shape[3])); // He: fan-in Ci kT kF, ReLU after
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (scale * random.nextGaussian());
                }
            } else if (name.endsWith(".weight")) {
                double scale = 1.0 / Math.sqrt(shape[0]);
                if (name.endsWith("attn.out.weight") || name.endsWith("ffn.down.weight")) {
                    scale /= Math.sqrt(2.0 * config.layers());
                }
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (scale * random.nextGaussian());
                }
            }
            tensors.put(name, WeightTensor.of(values, shape));
        }
        return EncoderWeights.of(config, statistics.mean(), statistics.std(), tensors);
    }
}
