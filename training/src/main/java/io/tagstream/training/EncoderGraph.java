package io.tagstream.training;

import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.WeightLayout;
import io.tagstream.model.WeightTensor;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The inference {@code Encoder}'s architecture as a trainable ND4J SameDiff graph over crops of a fixed number of
 * frames {@code T} (any batch size {@code B}):
 * <pre>
 * features [B, T, I] -> (x - mean) / std -> (front end: conv layers + ReLU, zero padding at the crop's edges)
 *   -> input projection -> [B*T, d]
 *   -> layers x block (pre-norm: h = x + attn(norm1(x)); y = h + ffn(norm2(h))
 *                      post-norm: h = norm1(x + attn(x)); y = norm2(h + ffn(h));  none in a conv-only model)
 *   -> final LayerNorm (pre-norm only) -> classifier -> logits [B*T, C] -> softmax = probabilities
 * loss = class-weighted cross-entropy of the logits against targets [B*T, C]
 * </pre>
 * Every trainable variable is named by its {@link WeightLayout} name and shaped as there, so weights move between the
 * graph and {@link EncoderWeights} by name. The normalisation mean and standard deviation are constants (computed
 * from the training data, not trained). Frame {@code t} of a crop sees the crop's frames {@code [t - L, t + R]}: a
 * crop behaves exactly like a recording of {@code T} frames in the inference engine.
 */
public final class EncoderGraph {

    /** Placeholder of the input frames, {@code [B, T, inputDims]}. */
    public static final String FEATURES = "features";
    /** Placeholder of the per-frame target weights, {@code [B*T, labelCount]} (see {@link GraphLoss}). */
    public static final String TARGETS = "targets";
    /** Output: per-frame label probabilities, {@code [B*T, labelCount]} (frame t of crop b at row b*T + t). */
    public static final String PROBABILITIES = "probabilities";
    /** Output: the scalar loss. */
    public static final String LOSS = "loss";

    private final SameDiff sd;
    private final EncoderConfig config;
    private final int frames;
    private final DataType type;
    private final float[] inputMean;   // [I]
    private final float[] inputStd;    // [I]
    private final GraphAttention attention;  // null for a model without blocks (its mask constants are not built)

    private EncoderGraph(EncoderWeights weights, int frames, DataType type) {
        this.sd = SameDiff.create();
        this.config = weights.config();
        this.frames = frames;
        this.type = type;
        this.inputMean = weights.inputMean();
        this.inputStd = weights.inputStd();
        for (Map.Entry<String, WeightTensor> tensor : weights.tensors().entrySet()) {
            sd.var(tensor.getKey(), toArray(tensor.getValue(), type));
        }
        this.attention = config.layers() > 0 ? new GraphAttention(sd, config, frames, type) : null;
        SDVariable logits = classify(encode(normalisedInput()));                                // [B*T, C]
        sd.nn().softmax(PROBABILITIES, logits, 1);
        SDVariable targets = sd.placeHolder(TARGETS, type, -1, config.labelCount());           // [B*T, C]
        GraphLoss.weightedCrossEntropy(sd, LOSS, logits, targets);
        sd.setLossVariables(LOSS);
    }

    /**
     * The graph for crops of {@code frames} frames, its variables initialised from {@code weights} (whose
     * normalisation becomes the graph's constants).
     *
     * @param type FLOAT for training; DOUBLE for gradient checks
     */
    public static EncoderGraph build(EncoderWeights weights, int frames, DataType type) {
        if (frames < 1) {
            throw new IllegalArgumentException("a crop needs at least 1 frame, got " + frames);
        }
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("the encoder graph runs in FLOAT or DOUBLE, not " + type);
        }
        return new EncoderGraph(weights, frames, type);
    }

    /** Normalised frames, through the front end if the model has one: {@code [B*T, P]}. */
    private SDVariable normalisedInput() {
        SDVariable features = sd.placeHolder(FEATURES, type, -1, frames, config.inputDims());   // [B, T, I]
        SDVariable mean = sd.constant("input_mean", Nd4j.createFromArray(inputMean).castTo(type)); // [I]
        SDVariable std = sd.constant("input_std", Nd4j.createFromArray(inputStd).castTo(type));    // [I]
        SDVariable normalised = features.sub(mean).div(std);                                       // [B, T, I]
        if (config.frontEnd().isPresent()) {
            return GraphFrontEnd.apply(sd, config, frames, normalised);                            // [B*T, P]
        }
        return sd.reshape(normalised, -1, config.inputDims());                                     // [B*T, I]
    }

    /** Input projection and blocks: {@code [B*T, P] -> [B*T, d]}. */
    private SDVariable encode(SDVariable normalised) {
        SDVariable x = linear(normalised, "input");                                                // [B*T, d]
        for (int i = 0; i < config.layers(); i++) {
            x = block(x, WeightLayout.blockPrefix(i));
        }
        return x;
    }

    private SDVariable block(SDVariable x, String prefix) {
        if (config.normPlacement() == NormPlacement.PRE_NORM) {
            SDVariable h = x.add(attend(norm(x, prefix + "attn_norm"), prefix));                   // [B*T, d]
            return h.add(feedForward(norm(h, prefix + "ffn_norm"), prefix));                       // [B*T, d]
        }
        SDVariable h = norm(x.add(attend(x, prefix)), prefix + "attn_norm");                        // [B*T, d]
        return norm(h.add(feedForward(h, prefix)), prefix + "ffn_norm");                           // [B*T, d]
    }

    private SDVariable attend(SDVariable x, String prefix) {
        SDVariable qkv = linear(x, prefix + "attn.qkv");                                           // [B*T, 3d]
        String biasName = prefix + "attn.relative_bias";
        SDVariable relativeBias = sd.hasVariable(biasName) ? sd.getVariable(biasName) : null;      // [H, W] or none
        String additiveName = prefix + "attn.additive";
        SDVariable additive = sd.hasVariable(additiveName) ? sd.getVariable(additiveName) : null;  // [H, dk] or none
        return linear(attention.apply(sd, qkv, relativeBias, additive), prefix + "attn.out");      // [B*T, d]
    }

    private SDVariable feedForward(SDVariable x, String prefix) {
        SDVariable hidden = GraphActivation.apply(sd, config.activation(), linear(x, prefix + "ffn.up")); // [B*T, F]
        return linear(hidden, prefix + "ffn.down");                                                        // [B*T, d]
    }

    private SDVariable classify(SDVariable x) {
        SDVariable features = config.normPlacement() == NormPlacement.PRE_NORM ? norm(x, "final_norm") : x;
        return linear(features, "classifier");                                                     // [B*T, C]
    }

    private SDVariable linear(SDVariable x, String name) {
        return GraphLinear.apply(x, sd.getVariable(name + ".weight"), sd.getVariable(name + ".bias"));
    }

    private SDVariable norm(SDVariable x, String name) {
        return GraphLayerNorm.apply(sd, x, sd.getVariable(name + ".gain"), sd.getVariable(name + ".bias"));
    }

    /**
     * Builds the backward pass now. ND4J 1.0.0-M2.1 prints a line per differentiated op to standard output while
     * doing so; the lines are discarded here so that they cannot mix with a command's output.
     */
    public void prepareGradients() {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            sd.createGradFunction();
        } finally {
            System.setOut(out);
        }
    }

    /** The SameDiff graph (for training and inspection). */
    public SameDiff sameDiff() {
        return sd;
    }

    /** The architecture. */
    public EncoderConfig config() {
        return config;
    }

    /** Frames per crop, {@code T}. */
    public int frames() {
        return frames;
    }

    /** FLOAT or DOUBLE. */
    public DataType dataType() {
        return type;
    }

    /** Names of the trainable variables, in {@link WeightLayout} order. */
    public List<String> parameterNames() {
        return new ArrayList<>(WeightLayout.of(config).keySet());
    }

    /** The current values of the trainable variables as immutable weights (float32), with the graph's normalisation. */
    public EncoderWeights weights() {
        Map<String, INDArray> variables = new LinkedHashMap<>();
        for (String name : parameterNames()) {
            variables.put(name, sd.getArrForVarName(name));
        }
        return weightsOf(variables);
    }

    /** {@code values} (an array per trainable variable, by name) as float32 weights with the graph's normalisation. */
    EncoderWeights weightsOf(Map<String, INDArray> values) {
        Map<String, WeightTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> entry : WeightLayout.of(config).entrySet()) {
            INDArray array = values.get(entry.getKey());
            tensors.put(entry.getKey(), WeightTensor.of(array.castTo(DataType.FLOAT).dup('c').data().asFloat(),
                    entry.getValue()));
        }
        return EncoderWeights.of(config, inputMean, inputStd, tensors);
    }

    /**
     * One forward and backward pass: the loss and probabilities of {@code features [B, T, I]} against
     * {@code targets [B*T, C]}, and the loss's gradient for each of {@code parameters}.
     */
    OutAndGrad passOf(INDArray features, INDArray targets, List<String> parameters) {
        checkFeatures(features);
        return sd.calculateGradientsAndOutputs(Map.of(FEATURES, features.castTo(type), TARGETS, targets.castTo(type)),
                List.of(LOSS, PROBABILITIES), parameters);
    }

    /**
     * Label probabilities of a batch of crops: {@code crops [B][T][I] -> [B][T][C]} (a forward pass, no training).
     */
    public float[][][] probabilities(float[][][] crops) {
        INDArray features = Nd4j.createFromArray(crops).castTo(type);                              // [B, T, I]
        checkFeatures(features);
        INDArray flat = sd.outputSingle(Map.of(FEATURES, features), PROBABILITIES);                // [B*T, C]
        float[][][] result = new float[crops.length][frames][];
        float[][] rows = rows(flat);
        for (int b = 0; b < crops.length; b++) {
            for (int t = 0; t < frames; t++) {
                result[b][t] = rows[b * frames + t];
            }
        }
        return result;
    }

    /**
     * {@code matrix [R, C]} as float rows, read through one flat copy ({@code INDArray.toFloatMatrix} took 68 ms for
     * the 3,200 x 4 probabilities of a training step, this well under one).
     */
    static float[][] rows(INDArray matrix) {
        int rows = (int) matrix.rows();
        int columns = (int) matrix.columns();
        float[] flat = matrix.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[][] result = new float[rows][];
        for (int r = 0; r < rows; r++) {
            result[r] = Arrays.copyOfRange(flat, r * columns, (r + 1) * columns);
        }
        return result;
    }

    /** Fails with the shapes named unless {@code features} is {@code [B, T, inputDims]}. */
    void checkFeatures(INDArray features) {
        long[] shape = features.shape();
        if (shape.length != 3 || shape[1] != frames || shape[2] != config.inputDims()) {
            throw new IllegalArgumentException("features must be [B, " + frames + ", " + config.inputDims()
                    + "], got " + Arrays.toString(shape));
        }
    }

    static INDArray toArray(WeightTensor tensor, DataType type) {
        long[] shape = Arrays.stream(tensor.shape()).asLongStream().toArray();
        return Nd4j.create(tensor.toArray(), shape, 'c').castTo(type);
    }
}
