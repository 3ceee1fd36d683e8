package io.tagstream.model;

/**
 * Shape and architecture of the truncated self-attention encoder; validated at construction, immutable.
 *
 * <pre>
 * frames [T, inputDims] -> normalise -> (front end: conv layers + ReLU) -> project -> [T, modelDims]
 *   -> layers x EncoderBlock (multi-head attention over [t-L, t+R], feed-forward, residuals, LayerNorms)
 *   -> (final LayerNorm if pre-norm) -> classifier -> softmax [T, labelCount]
 * </pre>
 * A model with a front end may have no blocks at all ({@code layers = 0}: the convolutional front end alone, the
 * comparison with a fixed receptive field): front end, input projection, the final LayerNorm if pre-norm, classifier.
 * Its attention fields ({@code heads}, {@code feedForwardDims}, {@code leftContext}, {@code rightContext},
 * {@code positionEncoding}, {@code activation}, {@code scoring}) are validated as for any model but unused: no
 * tensor, no latency and no context depend on them. {@code normPlacement} still decides the final LayerNorm.
 *
 * @param inputDims        length of a feature vector (must equal the feature spec's dims)
 * @param modelDims        width of the residual stream, {@code dModel}
 * @param heads            attention heads; {@code modelDims % heads == 0}
 * @param feedForwardDims  hidden width of the position-wise feed-forward network
 * @param layers           number of encoder blocks {@code N}: 1..{@value #MAX_LAYERS}, or 0 with a front end
 * @param leftContext      trained left context {@code L >= 1}
 * @param rightContext     trained lookahead {@code R >= 0} (latency {@code N * R} frames)
 * @param labelCount       number of labels the classifier scores
 * @param positionEncoding relative position information (rotary or learned bias)
 * @param normPlacement    pre-norm (default, recommended) or post-norm blocks
 * @param activation       feed-forward non-linearity
 * @param scoring          how a query scores a key (dot product, or additive)
 * @param frontEnd         convolutions before the input projection ({@link FrontEnd#NONE}: none); with a front end
 *                         the total lookahead {@code frontEnd.rightContext() + layers * R} is at most
 *                         {@value #MAX_LOOKAHEAD_WITH_FRONT_END} frames, and {@code layers} may be 0
 */
public record EncoderConfig(
        int inputDims,
        int modelDims,
        int heads,
        int feedForwardDims,
        int layers,
        int leftContext,
        int rightContext,
        int labelCount,
        PositionEncoding positionEncoding,
        NormPlacement normPlacement,
        Activation activation,
        AttentionScoring scoring,
        FrontEnd frontEnd) {

    /**
     * Added to the variance before the square root in every LayerNorm (the usual PyTorch/ND4J default): the engine
     * and the training graph both read it here.
     */
    public static final double LAYER_NORM_EPSILON = 1e-5;
    /**
     * Base of the rotary position angles, {@code theta_i = base^(-2i / d_k)}: the engine and the training graph both
     * read it here.
     */
    public static final double ROTARY_BASE = 10_000.0;

    /** Largest width accepted for any dimension (keeps weight files and buffers bounded). */
    public static final int MAX_DIMS = 8_192;
    /** Largest number of blocks accepted (the fewest is 1, or 0 with a front end). */
    public static final int MAX_LAYERS = 64;
    /** Most frames of lookahead (200 ms at a 10 ms hop) of an encoder with a front end. */
    public static final int MAX_LOOKAHEAD_WITH_FRONT_END = 20;

    public EncoderConfig {
        require(inputDims >= 1 && inputDims <= MAX_DIMS, "input dims must be 1.." + MAX_DIMS + ", got " + inputDims);
        require(modelDims >= 1 && modelDims <= MAX_DIMS, "model dims must be 1.." + MAX_DIMS + ", got " + modelDims);
        require(heads >= 1 && heads <= modelDims, "heads must be 1.." + modelDims + ", got " + heads);
        require(modelDims % heads == 0, "model dims " + modelDims + " must be divisible by heads " + heads);
        require(feedForwardDims >= 1 && feedForwardDims <= 4 * MAX_DIMS,
                "feed-forward dims must be 1.." + 4 * MAX_DIMS + ", got " + feedForwardDims);
        require(frontEnd != null, "front end is required (FrontEnd.NONE for none)");
        require(layers >= (frontEnd.isPresent() ? 0 : 1) && layers <= MAX_LAYERS, "layers must be 1.." + MAX_LAYERS
                + ", or 0 with a convolutional front end, got " + layers);
        require(leftContext >= 1 && leftContext <= AttentionSpan.MAX_CONTEXT,
                "left context L must be 1.." + AttentionSpan.MAX_CONTEXT + ", got " + leftContext);
        require(rightContext >= 0 && rightContext <= AttentionSpan.MAX_CONTEXT,
                "right context R must be 0.." + AttentionSpan.MAX_CONTEXT + ", got " + rightContext);
        require(labelCount >= 1 && labelCount <= MAX_DIMS, "label count must be 1.." + MAX_DIMS + ", got " + labelCount);
        require(positionEncoding != null, "position encoding is required");
        require(normPlacement != null, "norm placement is required");
        require(activation != null, "activation is required");
        require(scoring != null, "attention scoring is required");
        require(positionEncoding != PositionEncoding.ROTARY || (modelDims / heads) % 2 == 0,
                "rotary position encoding needs an even head size, got " + modelDims / heads);
        if (frontEnd.isPresent()) {
            int lookahead = frontEnd.rightContext() + layers * rightContext;
            String parts = layers == 0 ? "front end " + frontEnd.rightContext() + ", no attention blocks"
                    : "front end " + frontEnd.rightContext() + " + " + layers + " layers x R " + rightContext;
            require(lookahead <= MAX_LOOKAHEAD_WITH_FRONT_END, "lookahead of " + lookahead + " frames (" + parts
                    + ") exceeds " + MAX_LOOKAHEAD_WITH_FRONT_END + " frames (200 ms)");
            int bins = frontEnd.bins(inputDims, frontEnd.layers().size());
            int channels = frontEnd.channels(frontEnd.layers().size());
            require((long) bins * channels <= MAX_DIMS, "front-end output of " + bins + " bins x " + channels
                    + " channels = " + bins * channels + " values per frame exceeds " + MAX_DIMS);
        }
    }

    /** An encoder without a front end (every model before the convolutional front end). */
    public EncoderConfig(int inputDims, int modelDims, int heads, int feedForwardDims, int layers, int leftContext,
            int rightContext, int labelCount, PositionEncoding positionEncoding, NormPlacement normPlacement,
            Activation activation, AttentionScoring scoring) {
        this(inputDims, modelDims, heads, feedForwardDims, layers, leftContext, rightContext, labelCount,
                positionEncoding, normPlacement, activation, scoring, FrontEnd.NONE);
    }

    /** A dot-product encoder without a front end (the scoring every model before additive attention has). */
    public EncoderConfig(int inputDims, int modelDims, int heads, int feedForwardDims, int layers, int leftContext,
            int rightContext, int labelCount, PositionEncoding positionEncoding, NormPlacement normPlacement,
            Activation activation) {
        this(inputDims, modelDims, heads, feedForwardDims, layers, leftContext, rightContext, labelCount,
                positionEncoding, normPlacement, activation, AttentionScoring.DOT_PRODUCT);
    }

    /**
     * The project's default architecture for {@code inputDims} features and {@code labelCount} labels: 4 pre-norm
     * blocks, dModel 128, 4 heads, feed-forward 512, ReLU, rotary positions, 64 frames of left context and 2 of
     * lookahead (8 frames = 80 ms latency at a 10 ms hop). ReLU rather than GELU because GELU's exponential costs a
     * large share of the batched-streaming budget ({@code tagstream bench model} measures both: its GELU figure).
     */
    public static EncoderConfig standard(int inputDims, int labelCount) {
        return new EncoderConfig(inputDims, 128, 4, 512, 4, 64, 2, labelCount,
                PositionEncoding.ROTARY, NormPlacement.PRE_NORM, Activation.RELU);
    }

    /** Width of one head, {@code d_k = modelDims / heads}. */
    public int headDims() {
        return modelDims / heads;
    }

    /** Width of a frame entering the input projection: the front end's output width, or {@code inputDims}. */
    public int projectionInputDims() {
        return frontEnd.outputWidth(inputDims);
    }

    /** The span the model was trained with. */
    public AttentionSpan trainedSpan() {
        return new AttentionSpan(leftContext, rightContext);
    }

    /** This config with another trained span (everything else equal). */
    public EncoderConfig withSpan(int left, int right) {
        return new EncoderConfig(inputDims, modelDims, heads, feedForwardDims, layers, left, right, labelCount,
                positionEncoding, normPlacement, activation, scoring, frontEnd);
    }

    /** This config with another block layout and position encoding (everything else equal). */
    public EncoderConfig withArchitecture(PositionEncoding position, NormPlacement norm, Activation act) {
        return new EncoderConfig(inputDims, modelDims, heads, feedForwardDims, layers, leftContext, rightContext,
                labelCount, position, norm, act, scoring, frontEnd);
    }

    /** This config with another attention scoring (everything else equal). */
    public EncoderConfig withScoring(AttentionScoring how) {
        return new EncoderConfig(inputDims, modelDims, heads, feedForwardDims, layers, leftContext, rightContext,
                labelCount, positionEncoding, normPlacement, activation, how, frontEnd);
    }

    /**
     * This config with {@code count} encoder blocks (everything else equal); 0 leaves the front end alone, and needs
     * one.
     */
    public EncoderConfig withLayers(int count) {
        return new EncoderConfig(inputDims, modelDims, heads, feedForwardDims, count, leftContext, rightContext,
                labelCount, positionEncoding, normPlacement, activation, scoring, frontEnd);
    }

    /** This config with another front end (everything else equal); {@link FrontEnd#NONE} removes it. */
    public EncoderConfig withFrontEnd(FrontEnd front) {
        return new EncoderConfig(inputDims, modelDims, heads, feedForwardDims, layers, leftContext, rightContext,
                labelCount, positionEncoding, normPlacement, activation, scoring, front);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("invalid encoder config: " + message);
        }
    }
}
