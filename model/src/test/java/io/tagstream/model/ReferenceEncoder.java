package io.tagstream.model;

import java.util.List;

/**
 * Test oracle: the encoder's math written the textbook way, independently of the production code. Double precision,
 * naive loops, the front end's convolutions straight from their formula, full {@code [T, T]} attention matrices with the band as a mask (masked weights exactly 0), rotary
 * positions applied with ABSOLUTE positions {@code t * theta} (exact in double for test-sized T). Only for short
 * recordings.
 */
final class ReferenceEncoder {

    /** Probabilities {@code [T][labels]} and attention weights {@code [layer][head][t][s]}. */
    record Result(double[][] probabilities, double[][][][] attention) {
    }

    private final EncoderWeights weights;
    private final EncoderConfig config;
    private final AttentionSpan span;

    ReferenceEncoder(EncoderWeights weights, AttentionSpan span) {
        this.weights = weights;
        this.config = weights.config();
        this.span = span;
    }

    ReferenceEncoder(EncoderWeights weights) {
        this(weights, weights.config().trainedSpan());
    }

    Result run(float[][] frames) {
        int t = frames.length;
        double[][] normalised = new double[t][config.inputDims()];
        float[] mean = weights.inputMean();
        float[] std = weights.inputStd();
        for (int i = 0; i < t; i++) {
            for (int f = 0; f < config.inputDims(); f++) {
                normalised[i][f] = ((double) frames[i][f] - mean[f]) / std[f];
            }
        }
        double[][] features = frontEnd(normalised);
        double[][] x = new double[t][];
        for (int i = 0; i < t; i++) {
            x[i] = affine(features[i], weights.inputWeight(), weights.inputBias());
        }
        double[][][][] attention = new double[config.layers()][][][];
        List<BlockWeights> blocks = weights.blocks();
        for (int l = 0; l < blocks.size(); l++) {
            BlockWeights b = blocks.get(l);
            boolean pre = config.normPlacement() == NormPlacement.PRE_NORM;
            double[][] attnIn = pre ? layerNorm(x, b.attentionNormGain(), b.attentionNormBias()) : x;
            double[][] qkv = new double[t][];
            for (int i = 0; i < t; i++) {
                qkv[i] = affine(attnIn[i], b.qkvWeight(), b.qkvBias());
            }
            attention[l] = new double[config.heads()][][];
            double[][] context = new double[t][config.modelDims()];
            for (int h = 0; h < config.heads(); h++) {
                attention[l][h] = headAttention(qkv, h, b.relativeBias(), b.additiveScore(), context);
            }
            double[][] y = new double[t][];
            for (int i = 0; i < t; i++) {
                double[] attended = affine(context[i], b.outWeight(), b.outBias());
                double[] h1 = add(x[i], attended);
                if (pre) {
                    double[] n2 = layerNorm(h1, b.ffnNormGain(), b.ffnNormBias());
                    y[i] = add(h1, feedForward(n2, b));
                } else {
                    h1 = layerNorm(h1, b.attentionNormGain(), b.attentionNormBias());
                    y[i] = layerNorm(add(h1, feedForward(h1, b)), b.ffnNormGain(), b.ffnNormBias());
                }
            }
            x = y;
        }
        if (config.normPlacement() == NormPlacement.PRE_NORM) {
            x = layerNorm(x, weights.finalNormGain(), weights.finalNormBias());
        }
        double[][] probabilities = new double[t][];
        for (int i = 0; i < t; i++) {
            probabilities[i] = softmax(affine(x[i], weights.classifierWeight(), weights.classifierBias()));
        }
        return new Result(probabilities, attention);
    }

    /** The front end's output {@code [T][bins * channels]} of normalised frames {@code [T][I]} (themselves if none). */
    private double[][] frontEnd(double[][] normalised) {
        FrontEnd front = config.frontEnd();
        double[][] x = normalised;
        for (int k = 0; k < front.layers().size(); k++) {
            x = convolve(x, front.bins(config.inputDims(), k), front.channels(k), front.layers().get(k),
                    weights.convWeights().get(k), weights.convBiases().get(k));
        }
        return x;
    }

    /**
     * One conv layer as the textbook formula, {@code y[t][f][o] = relu(b[o] + sum_{c,i,j} W[o][c][i][j]
     * x[t - (kT - 1 - r) + i][f * stride - (kF - 1) / 2 + j][c])}, every {@code x} outside the recording or the bins
     * zero; frames are {@code [bins][channels]} flattened with the channel fastest, {@code W} is
     * {@code [Co, Ci, kT, kF]} row-major.
     */
    static double[][] convolve(double[][] x, int bins, int channels, ConvLayerSpec spec, WeightTensor w,
            WeightTensor b) {
        int t = x.length;
        int kt = spec.kernelTime();
        int kf = spec.kernelFreq();
        int outBins = (bins + spec.strideFreq() - 1) / spec.strideFreq();
        int co = spec.channels();
        double[][] y = new double[t][outBins * co];
        for (int frame = 0; frame < t; frame++) {
            for (int f = 0; f < outBins; f++) {
                for (int o = 0; o < co; o++) {
                    double sum = b.get(o);
                    for (int c = 0; c < channels; c++) {
                        for (int i = 0; i < kt; i++) {
                            for (int j = 0; j < kf; j++) {
                                int s = frame - (kt - 1 - spec.rightContext()) + i;
                                int bin = f * spec.strideFreq() - (kf - 1) / 2 + j;
                                double value = s < 0 || s >= t || bin < 0 || bin >= bins ? 0
                                        : x[s][bin * channels + c];
                                sum += w.get(((o * channels + c) * kt + i) * kf + j) * value;
                            }
                        }
                    }
                    y[frame][f * co + o] = Math.max(0, sum);
                }
            }
        }
        return y;
    }

    /** Head {@code h}: full masked [T, T] weights; adds the head's context into {@code context}. */
    private double[][] headAttention(double[][] qkv, int h, WeightTensor relativeBias, WeightTensor additive,
            double[][] context) {
        int t = qkv.length;
        int d = config.modelDims();
        int dk = config.headDims();
        double[][] q = new double[t][dk];
        double[][] k = new double[t][dk];
        double[][] v = new double[t][dk];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < dk; j++) {
                q[i][j] = qkv[i][h * dk + j];
                k[i][j] = qkv[i][d + h * dk + j];
                v[i][j] = qkv[i][2 * d + h * dk + j];
            }
            if (config.positionEncoding() == PositionEncoding.ROTARY) {
                rotateAbsolute(q[i], i);
                rotateAbsolute(k[i], i);
            }
        }
        double[][] bias = null;
        if (relativeBias != null) {
            bias = new double[t][t];
            int width = config.trainedSpan().width();
            for (int i = 0; i < t; i++) {
                for (int s = 0; s < t; s++) {
                    int column = s - i + config.leftContext();
                    if (column >= 0 && column < width) {
                        bias[i][s] = relativeBias.get(h * width + column);
                    }
                }
            }
        }
        double[] w = null;
        if (additive != null) {
            w = new double[dk];
            for (int j = 0; j < dk; j++) {
                w[j] = additive.get(h * dk + j);
            }
        }
        double[][] weightsTT = maskedAttention(q, k, bias, w, span);
        for (int i = 0; i < t; i++) {
            for (int s = 0; s < t; s++) {
                for (int j = 0; j < dk; j++) {
                    context[i][h * dk + j] += weightsTT[i][s] * v[s][j];
                }
            }
        }
        return weightsTT;
    }

    /**
     * {@code softmax(q k^T / sqrt(dk) + bias)} over the keys {@code s in [t - left, t + right]} that exist; every other
     * weight is exactly 0. {@code bias} may be null.
     */
    static double[][] maskedAttention(double[][] q, double[][] k, double[][] bias, AttentionSpan span) {
        return maskedAttention(q, k, bias, null, span);
    }

    /**
     * As above, scoring additively, {@code w · tanh(q + k)} (no scaling), when {@code additive} (the head's
     * {@code w [dk]}) is not null.
     */
    static double[][] maskedAttention(double[][] q, double[][] k, double[][] bias, double[] additive,
            AttentionSpan span) {
        int t = q.length;
        double scale = 1.0 / Math.sqrt(q.length == 0 ? 1 : q[0].length);
        double[][] weights = new double[t][t];
        for (int i = 0; i < t; i++) {
            double max = Double.NEGATIVE_INFINITY;
            double[] scores = new double[t];
            for (int s = 0; s < t; s++) {
                if (s < i - span.left() || s > i + span.right()) {
                    continue;
                }
                double score = 0;
                for (int j = 0; j < q[i].length; j++) {
                    score += additive == null ? q[i][j] * k[s][j] : additive[j] * Math.tanh(q[i][j] + k[s][j]);
                }
                scores[s] = (additive == null ? score * scale : score) + (bias == null ? 0 : bias[i][s]);
                max = Math.max(max, scores[s]);
            }
            double sum = 0;
            for (int s = Math.max(0, i - span.left()); s <= Math.min(t - 1, i + span.right()); s++) {
                weights[i][s] = Math.exp(scores[s] - max);
                sum += weights[i][s];
            }
            for (int s = 0; s < t; s++) {
                weights[i][s] /= sum;
            }
        }
        return weights;
    }

    /** Textbook RoPE: pair (2i, 2i+1) rotated by {@code position * 10000^(-2i/dk)}. */
    static void rotateAbsolute(double[] v, int position) {
        for (int i = 0; i < v.length / 2; i++) {
            double angle = position * Math.pow(10_000.0, -2.0 * i / v.length);
            double a = v[2 * i];
            double b = v[2 * i + 1];
            v[2 * i] = a * Math.cos(angle) - b * Math.sin(angle);
            v[2 * i + 1] = a * Math.sin(angle) + b * Math.cos(angle);
        }
    }

    private double[] feedForward(double[] x, BlockWeights b) {
        double[] hidden = affine(x, b.ffnUpWeight(), b.ffnUpBias());
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = activation(hidden[i]);
        }
        return affine(hidden, b.ffnDownWeight(), b.ffnDownBias());
    }

    private double activation(double x) {
        if (config.activation() == Activation.RELU) {
            return Math.max(0, x);
        }
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    static double[] affine(double[] x, WeightTensor w, WeightTensor b) {
        int in = w.dim(0);
        int out = w.dim(1);
        double[] y = new double[out];
        for (int j = 0; j < out; j++) {
            double sum = b.get(j);
            for (int i = 0; i < in; i++) {
                sum += x[i] * w.get(i * out + j);
            }
            y[j] = sum;
        }
        return y;
    }

    private static double[][] layerNorm(double[][] x, WeightTensor gain, WeightTensor bias) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = layerNorm(x[i], gain, bias);
        }
        return y;
    }

    private static double[] layerNorm(double[] x, WeightTensor gain, WeightTensor bias) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double variance = 0;
        for (double v : x) {
            variance += (v - mean) * (v - mean);
        }
        variance /= x.length;
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (x[i] - mean) / Math.sqrt(variance + 1e-5) * gain.get(i) + bias.get(i);
        }
        return y;
    }

    private static double[] add(double[] a, double[] b) {
        double[] sum = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
