package io.tagstream.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Typed access to the required fields of one parsed JSON object; every failure is a {@link WireFormatException}
 * naming the record kind and the field ("label JSON: field 'frame' must be an integer, got string"). Unknown
 * fields are not looked at (they are ignored by the decoders).
 */
final class JsonObjectReader {

    private final ObjectNode object;
    private final String what;

    JsonObjectReader(ObjectNode object, String what) {
        this.object = object;
        this.what = what;
    }

    WireFormatException error(String problem) {
        return new WireFormatException(what + ": " + problem);
    }

    String text(String field) {
        JsonNode node = required(field);
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        return node.textValue();
    }

    long integer(String field) {
        JsonNode node = required(field);
        if (!node.isIntegralNumber()) {
            throw wrongType(field, "an integer", node);
        }
        if (!node.canConvertToLong()) {
            throw error("field '" + field + "' is out of the 64-bit integer range");
        }
        return node.longValue();
    }

    double float64(String field) {
        return toDouble(required(field), "field '" + field + "'");
    }

    ObjectNode object(String field) {
        JsonNode node = required(field);
        if (!node.isObject()) {
            throw wrongType(field, "an object", node);
        }
        return (ObjectNode) node;
    }

    /**
     * A JSON number as the nearest float, rounded once from its decimal text (never through a double, which could
     * round twice and break the round trip of shortest-representation floats).
     */
    float float32(JsonNode node, String name) {
        requireNumber(node, name);
        return Float.parseFloat(node.asText());
    }

    private double toDouble(JsonNode node, String name) {
        requireNumber(node, name);
        return Double.parseDouble(node.asText());
    }

    private void requireNumber(JsonNode node, String name) {
        if (!node.isNumber()) {
            throw error(name + " must be a number, got " + describe(node));
        }
    }

    private JsonNode required(String field) {
        JsonNode node = object.get(field);
        if (node == null) {
            throw error("missing field '" + field + "'");
        }
        return node;
    }

    private WireFormatException wrongType(String field, String expected, JsonNode node) {
        return error("field '" + field + "' must be " + expected + ", got " + describe(node));
    }

    private static String describe(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        return node.isNumber() ? "the number " + node.asText() : type.name().toLowerCase(Locale.ROOT);
    }
}
