package io.tagstream.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON form of {@link LabelRecord} ({@code tagstream.labels}) and {@link SegmentRecord} ({@code tagstream.segments}).
 *
 * <p>Encoding is deterministic, so identical records give byte-identical JSON: UTF-8 with every non-ASCII character
 * (emoji included) written as its UTF-8 bytes, not as an escape; only quote and backslash escaped; no whitespace;
 * fields in a fixed order; probabilities as an object in label-set order; integers in plain decimal; every
 * float/double in its shortest round-tripping decimal form (Schubfach, as {@code Float.toString} prints it since
 * JDK 19; e.g. {@code 0.25}, {@code 1.0}, {@code 1.0E-5}), computed by Jackson's own implementation so the bytes do
 * not depend on the JDK version. Decoding parses each number from its text straight to float/double, so
 * {@code decode(encode(r)).equals(r)}.
 *
 * <p>Decoding is strict about what it reads (missing fields, wrong types, duplicate keys, trailing content,
 * NaN/Infinity tokens, values out of range are {@link WireFormatException}s) and ignores fields it does not know,
 * so a later version can add fields. Format and examples: docs/wire-formats.md.
 */
public final class LabelJson {

    private static final String LABEL = "label JSON";
    private static final String SEGMENT = "segment JSON";

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private LabelJson() {
    }

    /** {"stream":..,"frame":..,"start_ms":..,"end_ms":..,"label":..,"probabilities":{..},"model":..} */
    public static byte[] encode(LabelRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("stream", record.stream());
            json.writeNumberField("frame", record.frame());
            json.writeNumberField("start_ms", record.startMs());
            json.writeNumberField("end_ms", record.endMs());
            json.writeStringField("label", record.label());
            json.writeObjectFieldStart("probabilities");
            List<String> labels = record.labels();
            for (int i = 0; i < labels.size(); i++) {
                json.writeNumberField(labels.get(i), record.probability(i));
            }
            json.writeEndObject();
            json.writeStringField("model", record.modelId());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    /** {"stream":..,"start_ms":..,"end_ms":..,"label":..,"confidence":..} */
    public static byte[] encode(SegmentRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("stream", record.stream());
            json.writeNumberField("start_ms", record.startMs());
            json.writeNumberField("end_ms", record.endMs());
            json.writeStringField("label", record.label());
            json.writeNumberField("confidence", record.confidence());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    /** @throws WireFormatException naming the problem (syntax, missing field, wrong type, invalid value) */
    public static LabelRecord decodeLabel(byte[] json) {
        JsonObjectReader fields = new JsonObjectReader(parseObject(json, LABEL), LABEL);
        String stream = fields.text("stream");
        long frame = fields.integer("frame");
        long startMs = fields.integer("start_ms");
        long endMs = fields.integer("end_ms");
        String label = fields.text("label");
        ObjectNode probabilityObject = fields.object("probabilities");
        String modelId = fields.text("model");
        int size = probabilityObject.size();
        if (size == 0 || size > LabelRecord.MAX_LABELS) {
            throw fields.error("probabilities must name 1.." + LabelRecord.MAX_LABELS + " labels, got " + size);
        }
        List<String> labels = new ArrayList<>(size);
        float[] probabilities = new float[size];
        for (Map.Entry<String, JsonNode> entry : probabilityObject.properties()) {
            probabilities[labels.size()] = fields.float32(entry.getValue(),
                    "probability of " + WireName.quote(entry.getKey()));
            labels.add(entry.getKey());
        }
        try {
            return new LabelRecord(stream, frame, startMs, endMs, label, labels, probabilities, modelId);
        } catch (IllegalArgumentException e) {
            throw fields.error(e.getMessage());
        }
    }

    /** @throws WireFormatException naming the problem (syntax, missing field, wrong type, invalid value) */
    public static SegmentRecord decodeSegment(byte[] json) {
        JsonObjectReader fields = new JsonObjectReader(parseObject(json, SEGMENT), SEGMENT);
        String stream = fields.text("stream");
        long startMs = fields.integer("start_ms");
        long endMs = fields.integer("end_ms");
        String label = fields.text("label");
        double confidence = fields.float64("confidence");
        try {
            return new SegmentRecord(stream, startMs, endMs, label, confidence);
        } catch (IllegalArgumentException e) {
            throw fields.error(e.getMessage());
        }
    }

    private static ObjectNode parseObject(byte[] json, String what) {
        if (json == null) {
            throw new WireFormatException(what + ": no bytes (null record)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new WireFormatException(what + ": " + describe(e), e);
        } catch (NumberFormatException | ArithmeticException e) { // e.g. 1e2147483648: exponent overflows BigDecimal
            throw new WireFormatException(what + ": invalid JSON: unrepresentable number: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new WireFormatException(what + ": unreadable JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            String got = root == null || root.isMissingNode() ? "no JSON value"
                    : root.getNodeType().name().toLowerCase(Locale.ROOT);
            throw new WireFormatException(what + ": expected a JSON object, got " + got);
        }
        return (ObjectNode) root;
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String problem = e.getOriginalMessage();
        return where == null ? "invalid JSON: " + problem
                : "invalid JSON at line " + where.getLineNr() + ", column " + where.getColumnNr() + ": " + problem;
    }
}
