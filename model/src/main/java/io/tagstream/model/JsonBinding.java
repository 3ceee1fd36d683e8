package io.tagstream.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The one strict binding of tagstream's own JSON files (the model manifest, the training plan, the training
 * checkpoint) to records. A record is its JSON object, field for component, in component order:
 * <ul>
 *   <li>every component is required: a missing field, an unknown field and a {@code null} are errors;</li>
 *   <li>no coercion: {@code "16"} is not an integer, {@code 2.5} is not an integer, {@code 1} is not a boolean;</li>
 *   <li>decimals are read from their text once ({@code float}s never through a {@code double}), so a written float
 *       reads back bit for bit;</li>
 *   <li>a record's own validation (its compact constructor) runs as it is read.</li>
 * </ul>
 * Every problem is an {@link IllegalArgumentException} with a one-line message naming the field by its path, e.g.
 * {@code missing field encoder.frontEnd.conv[0].kernelTime}, {@code unknown field encoder.layer (known: ...)},
 * {@code field encoder.heads must be an integer}, or {@code training: invalid training parameters: ...}.
 */
public final class JsonBinding {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                    DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) // decimals stay text-exact in trees
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // a record is its components: no getX()/isX() helper of a record becomes a field
            .visibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .withCoercionConfig(LogicalType.Textual, config -> config // 5 is not "5"
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, config -> config // 1 is not true
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .build();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private JsonBinding() {
    }

    /** The JSON text as a tree; not valid JSON is an {@link IllegalArgumentException}. */
    public static JsonNode parse(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw problem(e);
        }
    }

    /** The JSON text as a tree; not valid JSON is an {@link IllegalArgumentException}. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw problem(e);
        }
    }

    /** {@code tree} bound to {@code type}; any problem is an {@link IllegalArgumentException} naming the field. */
    public static <T> T read(JsonNode tree, Class<T> type) {
        requireKnownFields(tree, type, "");
        try {
            return MAPPER.readerFor(type).readValue(MAPPER.treeAsTokens(tree));
        } catch (IOException e) {
            throw problem(e);
        }
    }

    /** {@code value} as a tree of the layout {@link #read} binds. */
    public static ObjectNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** {@code value} (a record or a tree) as indented JSON. */
    public static byte[] write(Object value) {
        try {
            return PRETTY.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Refuses the first field of {@code node} that {@code type}'s records do not have, looking into nested records
     * and lists of records. Jackson refuses unknown fields too, but only after missing ones: a misspelt field
     * ({@code "channel"}) should be named as unknown rather than its intended field as missing.
     */
    private static void requireKnownFields(JsonNode node, Type type, String path) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireKnownFields(node.get(i), list.getActualTypeArguments()[0], path + "[" + i + "]");
            }
            return;
        }
        if (!(type instanceof Class<?> record) || !record.isRecord() || !node.isObject()) {
            return; // not a record, or the binding will refuse the node's shape
        }
        Map<String, Type> fields = new LinkedHashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            fields.put(component.getName(), component.getGenericType());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (!fields.containsKey(field.getKey())) {
                throw new IllegalArgumentException("unknown field " + at + " (known: " + sorted(
                        new ArrayList<>(fields.keySet())) + ")");
            }
            requireKnownFields(field.getValue(), fields.get(field.getKey()), at);
        }
    }

    /** A one-line message naming the field, for any problem Jackson reports. */
    private static IllegalArgumentException problem(IOException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
            return new IllegalArgumentException("not valid JSON (" + firstLine(message) + ")", e);
        }
        String field = path(mapping.getPath());
        if (mapping instanceof UnrecognizedPropertyException unknown) {
            return new IllegalArgumentException("unknown field " + field + " (known: " + sorted(
                    unknown.getKnownPropertyIds()) + ")", e);
        }
        if (mapping instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            return new IllegalArgumentException((field.isEmpty() ? "" : field + ": ")
                    + invalid.getCause().getMessage(), e);
        }
        if (mapping.getCause() instanceof InputCoercionException range) {
            return new IllegalArgumentException("field " + field + " must be " + expected(range.getTargetType())
                    + " in range, got " + firstLine(range.getOriginalMessage()), e);
        }
        if (mapping instanceof MismatchedInputException mismatch) {
            String message = mismatch.getOriginalMessage();
            if (message.startsWith("Missing creator property") || message.startsWith("Missing required creator")) {
                return new IllegalArgumentException("missing field " + field, e);
            }
            if (message.startsWith("Null value for creator property")) {
                return new IllegalArgumentException("field " + field + " must not be null", e);
            }
            String got = mismatch instanceof InvalidFormatException format && format.getValue() != null
                    ? ", not " + format.getValue() : "";
            Class<?> target = mismatch.getTargetType();
            List<JsonMappingException.Reference> at = mapping.getPath();
            if (target != null && target.isArray() && !at.isEmpty() && at.get(at.size() - 1).getIndex() >= 0) {
                target = target.getComponentType(); // an element of a primitive array
            }
            return new IllegalArgumentException("field " + field + " must be " + expected(target) + got, e);
        }
        return new IllegalArgumentException((field.isEmpty() ? "" : "field " + field + ": ")
                + firstLine(mapping.getOriginalMessage()), e);
    }

    /** {@code encoder.frontEnd.conv[0].kernelTime}. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == int.class || type == long.class || type == short.class || type == Integer.class
                || type == Long.class || type == Short.class) {
            return "an integer";
        }
        if (type == float.class || type == double.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : "a " + type.getSimpleName();
    }

    private static String sorted(Collection<?> names) {
        return String.join(", ", names.stream().map(String::valueOf).sorted().toList());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).trim();
    }
}
