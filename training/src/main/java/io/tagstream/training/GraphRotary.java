package io.tagstream.training;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.tagstream.model.EncoderConfig;

/**
 * Rotary position embedding of a crop's queries or keys as SameDiff ops, the convention of the inference engine's
 * {@code RotaryTable}: within each head, pair {@code (2i, 2i+1)} of row {@code t} is rotated by the angle
 * {@code t * theta_i}, {@code theta_i = 10000^(-2i / d_k)}: {@code (a, b) -> (a cos - b sin, a sin + b cos)}.
 * Positions are rows of the crop (0..T-1); the scores depend only on the offset between query and key, which is why
 * this equals the inference engine's rotation relative to its buffer.
 *
 * <p>As ops: {@code rotate(x) = x * cos + (x · swap) * sin}, where {@code swap [d, d]} maps each pair
 * {@code (a, b)} to {@code (-b, a)} and {@code cos, sin [T, d]} repeat each pair's value on both of its columns.
 */
final class GraphRotary {

    private final int frames;
    private final int modelDims;
    private final SDVariable cos;   // [T, d]
    private final SDVariable sin;   // [T, d]
    private final SDVariable swap;  // [d, d]

    GraphRotary(SameDiff sd, int frames, int heads, int headDims, DataType type) {
        this.frames = frames;
        this.modelDims = heads * headDims;
        double[][] cosines = new double[frames][modelDims];
        double[][] sines = new double[frames][modelDims];
        for (int t = 0; t < frames; t++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < headDims / 2; i++) {
                    double angle = t * Math.pow(EncoderConfig.ROTARY_BASE, -2.0 * i / headDims);
                    int column = h * headDims + 2 * i;
                    cosines[t][column] = Math.cos(angle);
                    cosines[t][column + 1] = Math.cos(angle);
                    sines[t][column] = Math.sin(angle);
                    sines[t][column + 1] = Math.sin(angle);
                }
            }
        }
        double[][] pairSwap = new double[modelDims][modelDims];
        for (int column = 0; column < modelDims; column += 2) {
            pairSwap[column + 1][column] = -1.0;  // output 2i   = -input 2i+1
            pairSwap[column][column + 1] = 1.0;   // output 2i+1 =  input 2i
        }
        this.cos = sd.constant(sd.generateNewVarName("rotary_cos", 0), matrix(cosines, type));
        this.sin = sd.constant(sd.generateNewVarName("rotary_sin", 0), matrix(sines, type));
        this.swap = sd.constant(sd.generateNewVarName("rotary_swap", 0), matrix(pairSwap, type));
    }

    /** {@code x [B*T, d]} rotated row by row; {@code [B*T, d]}. */
    SDVariable rotate(SameDiff sd, SDVariable x) {
        SDVariable rows = sd.reshape(x, -1, frames, modelDims);                           // [B, T, d]
        SDVariable swapped = sd.reshape(x.mmul(swap), -1, frames, modelDims);            // [B, T, d]
        SDVariable turned = BroadcastProduct.of(sd, rows, cos)
                .add(BroadcastProduct.of(sd, swapped, sin));        // [B, T, d]
        return sd.reshape(turned, -1, modelDims);                                         // [B*T, d]
    }

    static INDArray matrix(double[][] values, DataType type) {
        return Nd4j.createFromArray(values).castTo(type);
    }
}
