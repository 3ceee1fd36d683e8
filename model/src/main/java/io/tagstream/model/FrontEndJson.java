package io.tagstream.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A {@link FrontEnd} as the {@code frontEnd} field of an {@code encoder} JSON object, in a model manifest and in a
 * training plan alike:
 * <pre>
 * "frontEnd": {"conv": [{"channels": 16, "kernelTime": 3, "kernelFreq": 3, "strideFreq": 2, "rightContext": 1}, ...]}
 * </pre>
 * Written only when a front end is present, so an encoder without one (every model file and plan from before the
 * front end) is written byte for byte as before; absent reads as {@link FrontEnd#NONE} (a manifest) or as the base
 * plan's front end (a plan). Every field of a conv layer is required; problems are
 * {@link IllegalArgumentException}s naming the field's path.
 */
public final class FrontEndJson {

    /** The field's name in the {@code encoder} object. */
    public static final String FIELD = "frontEnd";
    private static final String CONV = "conv";
    private static final Set<String> LAYER_FIELDS = Set.of("channels", "kernelTime", "kernelFreq", "strideFreq",
            "rightContext");

    private FrontEndJson() {
    }

    /** Adds the {@code frontEnd} field to {@code encoder}, unless {@code frontEnd} is {@link FrontEnd#NONE}. */
    public static void put(ObjectNode encoder, FrontEnd frontEnd) {
        if (!frontEnd.isPresent()) {
            return; // absent = no front end: older files and plans stay byte for byte as they were
        }
        ArrayNode layers = encoder.putObject(FIELD).putArray(CONV);
        for (ConvLayerSpec conv : frontEnd.layers()) {
            layers.addObject().put("channels", conv.channels()).put("kernelTime", conv.kernelTime())
                    .put("kernelFreq", conv.kernelFreq()).put("strideFreq", conv.strideFreq())
                    .put("rightContext", conv.rightContext());
        }
    }

    /**
     * The front end in {@code encoder}'s {@code frontEnd} field, or {@code absent} when there is none.
     *
     * @param path the encoder object's path in messages, e.g. {@code "encoder."}
     */
    public static FrontEnd read(JsonNode encoder, String path, FrontEnd absent) {
        JsonNode node = encoder == null ? null : encoder.get(FIELD);
        if (node == null || node.isNull()) {
            return absent;
        }
        String at = path + FIELD;
        if (!node.isObject() || node.size() != 1 || !node.has(CONV) || !node.get(CONV).isArray()) {
            throw new IllegalArgumentException("field " + at + " must be {\"" + CONV + "\": [conv layers]}");
        }
        List<ConvLayerSpec> layers = new ArrayList<>();
        JsonNode list = node.get(CONV);
        for (int i = 0; i < list.size(); i++) {
            layers.add(layer(list.get(i), at + "." + CONV + "[" + i + "]"));
        }
        return new FrontEnd(layers);
    }

    private static ConvLayerSpec layer(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("field " + at + " must be an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!LAYER_FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field " + at + "." + name + " (known: "
                        + String.join(", ", LAYER_FIELDS.stream().sorted().toList()) + ")");
            }
        }
        int channels = integer(node, at, "channels");
        int kernelTime = integer(node, at, "kernelTime");
        int kernelFreq = integer(node, at, "kernelFreq");
        int strideFreq = integer(node, at, "strideFreq");
        int rightContext = integer(node, at, "rightContext");
        try {
            return new ConvLayerSpec(channels, kernelTime, kernelFreq, strideFreq, rightContext);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
        }
    }

    private static int integer(JsonNode node, String at, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field " + at + "." + name);
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException("field " + at + "." + name + " must be an integer");
        }
        return value.intValue();
    }
}
