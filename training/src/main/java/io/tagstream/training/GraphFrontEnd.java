package io.tagstream.training;

import io.tagstream.model.Activation;
import io.tagstream.model.ConvLayerSpec;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.FrontEnd;
import io.tagstream.model.WeightLayout;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The encoder's convolutional front end over a batch of crops as SameDiff ops, the math of the inference engine's
 * {@code ConvLayer} (formula on {@link ConvLayerSpec}). Frames are {@code [B, T, bins, channels]} (NHWC, time as the
 * height); each layer zero-pads time by {@code kT - 1 - r} frames before and {@code r} after (a crop's edges are a
 * recording's edges: nothing outside it) and frequency by {@code (kF - 1) / 2} bins on each side, then runs a VALID
 * {@code conv2d} with stride {@code (1, strideFreq)} and the model file's weights {@code [Co, Ci, kT, kF]} permuted to
 * ND4J's default {@code [kT, kF, Ci, Co]} (YXIO: its {@code conv2d_bp} ignores the OIYX format in 1.0.0-M2.1 and fails
 * on the gradient's shape), adds the bias and applies ReLU. The last layer's frames are flattened bin-major, channel
 * fastest.
 */
final class GraphFrontEnd {

    private GraphFrontEnd() {
    }

    /**
     * The front end's output {@code [B*T, P]} of normalised crops {@code [B, T, I]}; the conv variables are looked up
     * in {@code sd} by their {@link WeightLayout} names.
     */
    static SDVariable apply(SameDiff sd, EncoderConfig config, int frames, SDVariable normalised) {
        FrontEnd front = config.frontEnd();
        SDVariable x = sd.reshape(normalised, -1, frames, config.inputDims(), 1);             // [B, T, I, 1]
        for (int k = 0; k < front.layers().size(); k++) {
            ConvLayerSpec conv = front.layers().get(k);
            int[][] padding = {{0, 0}, {conv.leftContext(), conv.rightContext()}, {conv.padFreq(), conv.padFreq()},
                {0, 0}};
            SDVariable padded = sd.nn().pad(x, sd.constant(Nd4j.createFromArray(padding)), PadMode.CONSTANT, 0.0);
            Conv2DConfig shape = Conv2DConfig.builder().kH(conv.kernelTime()).kW(conv.kernelFreq())
                    .sH(1).sW(conv.strideFreq()).pH(0).pW(0).dH(1).dW(1).paddingMode(PaddingMode.VALID)
                    .dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.YXIO).build();
            String prefix = WeightLayout.convPrefix(k);
            SDVariable kernel = sd.permute(sd.getVariable(prefix + "weight"), 2, 3, 1, 0);   // [kT, kF, Ci, Co]
            SDVariable convolved = sd.cnn().conv2d(padded, kernel, sd.getVariable(prefix + "bias"),
                    shape);                                                                     // [B, T, bins', Co]
            x = GraphActivation.apply(sd, Activation.RELU, convolved);
        }
        return sd.reshape(x, -1, config.projectionInputDims());                                  // [B*T, P]
    }
}
