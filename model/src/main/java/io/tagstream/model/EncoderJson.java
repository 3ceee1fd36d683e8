package io.tagstream.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The {@code encoder} object of a model manifest, a training plan and a training checkpoint: an
 * {@link EncoderConfig} as JSON ({@link JsonBinding}), written and read here only.
 * <pre>
 * "encoder": {"inputDims": 64, "modelDims": 96, "heads": 4, "feedForwardDims": 384, "layers": 2, "leftContext": 64,
 *             "rightContext": 9, "labelCount": 4, "positionEncoding": "ROTARY", "normPlacement": "PRE_NORM",
 *             "activation": "GELU", "attentionScoring": "ADDITIVE",
 *             "frontEnd": {"conv": [{"channels": 16, "kernelTime": 3, "kernelFreq": 3, "strideFreq": 2,
 *                                    "rightContext": 1}]}}
 * </pre>
 * {@code attentionScoring} and {@code frontEnd} are written only when they are not the default (dot product; no
 * front end), so every file from before they existed is written again byte for byte; {@link #withDefaults} puts
 * the defaults into such an object before it is bound. {@code "frontEnd": {"conv": []}} also means none.
 *
 * @param attentionScoring null when dot product (not written)
 * @param frontEnd         null when none (not written)
 */
public record EncoderJson(int inputDims, int modelDims, int heads, int feedForwardDims, int layers, int leftContext,
                          int rightContext, int labelCount, PositionEncoding positionEncoding,
                          NormPlacement normPlacement, Activation activation,
                          @JsonInclude(JsonInclude.Include.NON_NULL) AttentionScoring attentionScoring,
                          @JsonInclude(JsonInclude.Include.NON_NULL) FrontEndJson frontEnd) {

    /** The {@code frontEnd} object: the conv layers in order. */
    public record FrontEndJson(List<ConvLayerSpec> conv) {
    }

    /** The JSON form of {@code config}. */
    public static EncoderJson of(EncoderConfig c) {
        return new EncoderJson(c.inputDims(), c.modelDims(), c.heads(), c.feedForwardDims(), c.layers(),
                c.leftContext(), c.rightContext(), c.labelCount(), c.positionEncoding(), c.normPlacement(),
                c.activation(), c.scoring() == AttentionScoring.DOT_PRODUCT ? null : c.scoring(),
                c.frontEnd().isPresent() ? new FrontEndJson(c.frontEnd().layers()) : null);
    }

    /**
     * The config this object describes.
     *
     * @throws IllegalArgumentException if the config is invalid ("invalid encoder config: ...")
     */
    public EncoderConfig config() {
        return new EncoderConfig(inputDims, modelDims, heads, feedForwardDims, layers, leftContext, rightContext,
                labelCount, positionEncoding, normPlacement, activation,
                attentionScoring == null ? AttentionScoring.DOT_PRODUCT : attentionScoring,
                frontEnd == null ? FrontEnd.NONE : new FrontEnd(frontEnd.conv()));
    }

    /**
     * Puts the defaults of the fields an encoder object may lack into {@code encoder} (an object; anything else is
     * left for the binding to refuse): no {@code attentionScoring} is dot product, no {@code frontEnd} is none.
     */
    public static void withDefaults(JsonNode encoder) {
        if (encoder instanceof ObjectNode object) {
            if (!object.has("attentionScoring")) {
                object.put("attentionScoring", AttentionScoring.DOT_PRODUCT.name());
            }
            if (!object.has("frontEnd")) {
                object.putObject("frontEnd").putArray("conv");
            }
        }
    }
}
