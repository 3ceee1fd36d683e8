package io.tagstream.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * All trained parameters of one encoder: immutable, validated against its {@link EncoderConfig}, shared by every
 * stream. This is the contract with training (which must produce exactly these tensors) and with the model file
 * (which stores them, in this order, as little-endian float32).
 *
 * <p>Every projection is applied to row vectors as {@code y = x · W + b}, {@code W} stored row-major
 * {@code [in, out]}. Frame feature {@code i} enters as {@code (x_i - inputMean[i]) / inputStd[i]}. With
 * {@code I = inputDims}, {@code d = modelDims}, {@code H = heads}, {@code dk = d / H}, {@code F = feedForwardDims},
 * {@code C = labelCount}, {@code W = L + R + 1} (trained span), blocks numbered from 0; with a {@link FrontEnd},
 * conv layers numbered from 0, {@code Co} and {@code Ci} a layer's output and input channels ({@code Ci = 1} for the
 * first), {@code kT x kF} its kernel, {@code P} the flattened output width of the last one ({@code bins * channels};
 * {@code P = I} without a front end):
 *
 * <pre>
 * name                          shape     meaning
 * frontend.conv{i}.weight       [Co, Ci, kT, kF]  front end only: kernel time index 0 is the oldest frame it sees
 * frontend.conv{i}.bias         [Co]      front end only
 * input.weight                  [P, d]    projection of the normalised frame (or of the front end's output)
 * input.bias                    [d]
 * block{i}.attn_norm.gain       [d]       LayerNorm before attention (pre-norm) or after its residual (post-norm)
 * block{i}.attn_norm.bias       [d]
 * block{i}.attn.qkv.weight      [d, 3d]   columns [0,d) queries, [d,2d) keys, [2d,3d) values;
 *                                         head h uses columns [h*dk, (h+1)*dk) of each third
 * block{i}.attn.qkv.bias        [3d]
 * block{i}.attn.out.weight      [d, d]    rows index the concatenated head outputs (head h: rows h*dk..)
 * block{i}.attn.out.bias        [d]
 * block{i}.attn.relative_bias   [H, W]    RELATIVE_BIAS only: column j is the offset s - t = j - L
 * block{i}.attn.additive        [H, dk]   ADDITIVE only: head h's w in w · tanh(q + k)
 * block{i}.ffn_norm.gain        [d]       LayerNorm before the feed-forward net (pre) or after its residual (post)
 * block{i}.ffn_norm.bias        [d]
 * block{i}.ffn.up.weight        [d, F]
 * block{i}.ffn.up.bias          [F]
 * block{i}.ffn.down.weight      [F, d]
 * block{i}.ffn.down.bias        [d]
 * final_norm.gain               [d]       PRE_NORM only
 * final_norm.bias               [d]
 * classifier.weight             [d, C]
 * classifier.bias               [C]
 * </pre>
 *
 * {@link WeightLayout#of} lists the same names and shapes for a given config; {@code docs/model.md} gives the
 * formulas (LayerNorm epsilon, GELU form, rotary pairing) training must match.
 */
public final class EncoderWeights {

    private final EncoderConfig config;
    private final float[] inputMean;              // [I] per-feature mean, subtracted first
    private final float[] inputStd;               // [I] per-feature standard deviation (> 0), divided next
    private final List<WeightTensor> convWeights; // [conv layers] each [Co, Ci, kT, kF]; empty without a front end
    private final List<WeightTensor> convBiases;  // [conv layers] each [Co]
    private final WeightTensor inputWeight;       // [P, d] projection of the normalised frame or front-end output
    private final WeightTensor inputBias;         // [d]
    private final List<BlockWeights> blocks;      // [layers] one per encoder block, input to output
    private final WeightTensor finalNormGain;     // [d] PRE_NORM only, else null
    private final WeightTensor finalNormBias;     // [d] PRE_NORM only, else null
    private final WeightTensor classifierWeight;  // [d, C]
    private final WeightTensor classifierBias;    // [C]
    private final Map<String, WeightTensor> tensors; // every tensor above by its WeightLayout name, in layout order

    private EncoderWeights(EncoderConfig config, float[] mean, float[] std, Map<String, WeightTensor> byName) {
        this.config = config;
        this.inputMean = mean.clone();
        this.inputStd = std.clone();
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        List<WeightTensor> weightList = new ArrayList<>();
        List<WeightTensor> biasList = new ArrayList<>();
        for (int i = 0; i < config.frontEnd().layers().size(); i++) {
            weightList.add(byName.get(WeightLayout.convPrefix(i) + "weight"));
            biasList.add(byName.get(WeightLayout.convPrefix(i) + "bias"));
        }
        this.convWeights = List.copyOf(weightList);
        this.convBiases = List.copyOf(biasList);
        this.inputWeight = byName.get("input.weight");
        this.inputBias = byName.get("input.bias");
        List<BlockWeights> list = new ArrayList<>();
        for (int i = 0; i < config.layers(); i++) {
            String p = WeightLayout.blockPrefix(i);
            list.add(new BlockWeights(
                    byName.get(p + "attn_norm.gain"), byName.get(p + "attn_norm.bias"),
                    byName.get(p + "attn.qkv.weight"), byName.get(p + "attn.qkv.bias"),
                    byName.get(p + "attn.out.weight"), byName.get(p + "attn.out.bias"),
                    byName.get(p + "attn.relative_bias"), byName.get(p + "attn.additive"),
                    byName.get(p + "ffn_norm.gain"), byName.get(p + "ffn_norm.bias"),
                    byName.get(p + "ffn.up.weight"), byName.get(p + "ffn.up.bias"),
                    byName.get(p + "ffn.down.weight"), byName.get(p + "ffn.down.bias")));
        }
        this.blocks = List.copyOf(list);
        this.finalNormGain = byName.get("final_norm.gain");
        this.finalNormBias = byName.get("final_norm.bias");
        this.classifierWeight = byName.get("classifier.weight");
        this.classifierBias = byName.get("classifier.bias");
    }

    /**
     * Weights from named tensors (as read from a model file or produced by training).
     *
     * @throws IllegalArgumentException naming the first problem: a missing, unexpected or wrongly shaped tensor, a
     *                                  non-finite value, or normalisation vectors of the wrong length or a
     *                                  non-positive standard deviation
     */
    public static EncoderWeights of(EncoderConfig config, float[] inputMean, float[] inputStd,
                                    Map<String, WeightTensor> tensors) {
        checkNormalisation(config, inputMean, inputStd);
        Map<String, int[]> layout = WeightLayout.of(config);
        Map<String, WeightTensor> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> expected : layout.entrySet()) {
            WeightTensor tensor = tensors.get(expected.getKey());
            if (tensor == null) {
                throw new IllegalArgumentException("missing tensor " + expected.getKey());
            }
            if (!tensor.hasShape(expected.getValue())) {
                throw new IllegalArgumentException("tensor " + expected.getKey() + " has shape "
                        + Arrays.toString(tensor.shape()) + ", expected " + Arrays.toString(expected.getValue()));
            }
            int bad = tensor.firstNonFinite();
            if (bad >= 0) {
                throw new IllegalArgumentException("tensor " + expected.getKey() + " has a non-finite value "
                        + tensor.get(bad) + " at index " + bad);
            }
            ordered.put(expected.getKey(), tensor);
        }
        for (String name : tensors.keySet()) {
            if (!layout.containsKey(name)) {
                throw new IllegalArgumentException("unexpected tensor " + name + " for this encoder config");
            }
        }
        return new EncoderWeights(config, inputMean, inputStd, ordered);
    }

    /**
     * Seeded random weights for tests and benchmarks: projections ~ N(0, 1/in) (activations stay O(1) through the
     * blocks), conv kernels ~ N(0, 1/(Ci kT kF)), biases ~ N(0, 0.1^2), LayerNorm gains ~ 1 + N(0, 0.1^2), relative biases ~ N(0, 0.5^2), feature
     * means ~ N(0, 1) and standard deviations ~ U[0.5, 2]. The same seed gives the same weights.
     */
    public static EncoderWeights random(EncoderConfig config, long seed) {
        Random random = new Random(seed);
        float[] mean = new float[config.inputDims()];
        float[] std = new float[config.inputDims()];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) random.nextGaussian();
            std[i] = (float) (0.5 + 1.5 * random.nextDouble());
        }
        Map<String, WeightTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> entry : WeightLayout.of(config).entrySet()) {
            String name = entry.getKey();
            int[] shape = entry.getValue();
            float[] values = new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) randomValue(name, shape, random);
            }
            tensors.put(name, WeightTensor.wrap(values, shape));
        }
        return of(config, mean, std, tensors);
    }

    private static double randomValue(String name, int[] shape, Random random) {
        double g = random.nextGaussian();
        if (name.endsWith(".gain")) {
            return 1.0 + 0.1 * g;
        }
        if (name.endsWith("relative_bias")) {
            return 0.5 * g;
        }
        if (name.endsWith("attn.additive")) {
            return g / Math.sqrt(shape[1]);
        }
        if (name.endsWith(".bias")) {
            return 0.1 * g;
        }
        if (name.startsWith(WeightLayout.FRONT_END_PREFIX)) {
            return g / Math.sqrt((double) shape[1] * shape[2] * shape[3]);  // fan-in of a conv kernel
        }
        return g / Math.sqrt(shape[0]);
    }

    private static void checkNormalisation(EncoderConfig config, float[] mean, float[] std) {
        if (mean == null || std == null || mean.length != config.inputDims() || std.length != config.inputDims()) {
            throw new IllegalArgumentException("normalisation mean and std must both have " + config.inputDims()
                    + " values (the input dims), got " + (mean == null ? "none" : mean.length) + " and "
                    + (std == null ? "none" : std.length));
        }
        for (int i = 0; i < mean.length; i++) {
            if (!Float.isFinite(mean[i])) {
                throw new IllegalArgumentException("normalisation mean[" + i + "] is not finite: " + mean[i]);
            }
            if (!(std[i] > 0f) || !Float.isFinite(std[i])) {
                throw new IllegalArgumentException("normalisation std[" + i + "] must be positive and finite, got "
                        + std[i]);
            }
        }
    }

    /** The architecture these weights belong to. */
    public EncoderConfig config() {
        return config;
    }

    /** [inputDims] per-feature mean (a copy). */
    public float[] inputMean() {
        return inputMean.clone();
    }

    /** [inputDims] per-feature standard deviation (a copy). */
    public float[] inputStd() {
        return inputStd.clone();
    }

    /** Front-end conv layer weights, input to output, each {@code [Co, Ci, kT, kF]}; empty without a front end. */
    public List<WeightTensor> convWeights() {
        return convWeights;
    }

    /** Front-end conv layer biases, input to output, each {@code [Co]}; empty without a front end. */
    public List<WeightTensor> convBiases() {
        return convBiases;
    }

    /** [P, d] input projection ({@code P = inputDims} without a front end). */
    public WeightTensor inputWeight() {
        return inputWeight;
    }

    /** [d] input projection bias. */
    public WeightTensor inputBias() {
        return inputBias;
    }

    /** The blocks' weights, input to output. */
    public List<BlockWeights> blocks() {
        return blocks;
    }

    /** [d] final LayerNorm gain; null for post-norm encoders. */
    public WeightTensor finalNormGain() {
        return finalNormGain;
    }

    /** [d] final LayerNorm bias; null for post-norm encoders. */
    public WeightTensor finalNormBias() {
        return finalNormBias;
    }

    /** [d, labelCount] classifier projection. */
    public WeightTensor classifierWeight() {
        return classifierWeight;
    }

    /** [labelCount] classifier bias. */
    public WeightTensor classifierBias() {
        return classifierBias;
    }

    /** Every tensor by its {@link WeightLayout} name, in layout (= file) order; unmodifiable. */
    public Map<String, WeightTensor> tensors() {
        return tensors;
    }

    /** [inputDims] the mean itself, for the encoder's own loops; never modified. */
    float[] meanValues() {
        return inputMean;
    }

    /** [inputDims] the standard deviation itself, for the encoder's own loops; never modified. */
    float[] stdValues() {
        return inputStd;
    }
}
