package io.tagstream.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names and shapes of an encoder's trained tensors, in file order, for a given config: the table documented on
 * {@link EncoderWeights}, as data. Used to create random weights, to validate weights from training or a file, and
 * to write and check the model file's tensor list.
 */
public final class WeightLayout {

    /** What every front-end tensor's name starts with. */
    public static final String FRONT_END_PREFIX = "frontend.";

    private WeightLayout() {
    }

    /** Expected tensors of {@code config}, name to shape, in file order. */
    public static Map<String, int[]> of(EncoderConfig config) {
        int d = config.modelDims();
        Map<String, int[]> layout = new LinkedHashMap<>();
        FrontEnd front = config.frontEnd();
        for (int i = 0; i < front.layers().size(); i++) {
            ConvLayerSpec conv = front.layers().get(i);
            String prefix = convPrefix(i);
            layout.put(prefix + "weight",
                    new int[] {conv.channels(), front.channels(i), conv.kernelTime(), conv.kernelFreq()});
            layout.put(prefix + "bias", new int[] {conv.channels()});
        }
        layout.put("input.weight", new int[] {config.projectionInputDims(), d});
        layout.put("input.bias", new int[] {d});
        for (int i = 0; i < config.layers(); i++) {
            String block = blockPrefix(i);
            layout.put(block + "attn_norm.gain", new int[] {d});
            layout.put(block + "attn_norm.bias", new int[] {d});
            layout.put(block + "attn.qkv.weight", new int[] {d, 3 * d});
            layout.put(block + "attn.qkv.bias", new int[] {3 * d});
            layout.put(block + "attn.out.weight", new int[] {d, d});
            layout.put(block + "attn.out.bias", new int[] {d});
            if (config.positionEncoding() == PositionEncoding.RELATIVE_BIAS) {
                layout.put(block + "attn.relative_bias", new int[] {config.heads(), config.trainedSpan().width()});
            }
            if (config.scoring() == AttentionScoring.ADDITIVE) {
                layout.put(block + "attn.additive", new int[] {config.heads(), config.headDims()});
            }
            layout.put(block + "ffn_norm.gain", new int[] {d});
            layout.put(block + "ffn_norm.bias", new int[] {d});
            layout.put(block + "ffn.up.weight", new int[] {d, config.feedForwardDims()});
            layout.put(block + "ffn.up.bias", new int[] {config.feedForwardDims()});
            layout.put(block + "ffn.down.weight", new int[] {config.feedForwardDims(), d});
            layout.put(block + "ffn.down.bias", new int[] {d});
        }
        if (config.normPlacement() == NormPlacement.PRE_NORM) {
            layout.put("final_norm.gain", new int[] {d});
            layout.put("final_norm.bias", new int[] {d});
        }
        layout.put("classifier.weight", new int[] {d, config.labelCount()});
        layout.put("classifier.bias", new int[] {config.labelCount()});
        return Collections.unmodifiableMap(layout);
    }

    /**
     * Prefix of front-end conv layer {@code i}'s tensor names, e.g. {@code "frontend.conv0."}: its weight
     * {@code [channelsOut, channelsIn, kernelTime, kernelFreq]} (kernel time index 0 = the oldest frame seen) and bias
     * {@code [channelsOut]}.
     */
    public static String convPrefix(int i) {
        return FRONT_END_PREFIX + "conv" + i + ".";
    }

    /** Prefix of block {@code i}'s tensor names, e.g. {@code "block0."}. */
    public static String blockPrefix(int i) {
        return "block" + i + ".";
    }

    /** Total number of float values of {@code config}'s tensors. */
    public static long parameterCount(EncoderConfig config) {
        long total = 0;
        for (int[] shape : of(config).values()) {
            long size = 1;
            for (int dim : shape) {
                size *= dim;
            }
            total += size;
        }
        return total;
    }
}
