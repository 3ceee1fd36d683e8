package io.tagstream.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names and shapes of an encoder's trained tensors: the contract between the inference engine, the model file and
 * training. Names are stable; order is the order of the weights file. With {@code d = modelDims},
 * {@code H = heads}, {@code dk = d / H}, {@code F = feedForwardDims}, {@code W = L + R + 1} (trained span):
 *
 * <pre>
 * input.weight                 [inputDims, d]   projection of the normalised frame
 * input.bias                   [d]
 * block{i}.attn_norm.gain      [d]              LayerNorm before attention (pre-norm) or after its residual (post-norm)
 * block{i}.attn_norm.bias      [d]
 * block{i}.attn.qkv.weight     [d, 3d]          columns [0,d) queries, [d,2d) keys, [2d,3d) values;
 *                                                head h uses columns [h*dk, (h+1)*dk) of each third
 * block{i}.attn.qkv.bias       [3d]
 * block{i}.attn.out.weight     [d, d]           rows index the concatenated head outputs (head h: rows h*dk..)
 * block{i}.attn.out.bias       [d]
 * block{i}.attn.relative_bias  [H, W]           RELATIVE_BIAS only: column j is offset (s - t) = j - L
 * block{i}.ffn_norm.gain       [d]              LayerNorm before the feed-forward net (pre) or after its residual (post)
 * block{i}.ffn_norm.bias       [d]
 * block{i}.ffn.up.weight       [d, F]
 * block{i}.ffn.up.bias         [F]
 * block{i}.ffn.down.weight     [F, d]
 * block{i}.ffn.down.bias       [d]
 * final_norm.gain              [d]              PRE_NORM only
 * final_norm.bias              [d]
 * classifier.weight            [d, labelCount]
 * classifier.bias              [labelCount]
 * </pre>
 *
 * Blocks are numbered from 0. Every matrix is applied as {@code y = x · W + b} with {@code x} a row vector.
 */
public final class WeightLayout {

    private WeightLayout() {
    }

    /** Expected tensors of {@code config}, name to shape, in file order. */
    public static Map<String, int[]> of(EncoderConfig config) {
        int d = config.modelDims();
        Map<String, int[]> layout = new LinkedHashMap<>();
        layout.put("input.weight", new int[] {config.inputDims(), d});
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
