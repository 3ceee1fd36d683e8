package io.tagstream.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagstream.features.FeatureKind;
import io.tagstream.features.FeatureSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON manifest of a model file: format version, encoder config, feature spec, labels, input normalisation,
 * provenance, and the list of weight tensors (name and shape, in the order of the weights entry) with the weights'
 * SHA-256. Reading validates every field and reports the first problem as an {@link IllegalArgumentException} whose
 * message names the field.
 */
final class ModelManifest {

    static final String FORMAT = "tagstream-model";
    static final int VERSION = 1;

    /** Everything the manifest holds. */
    record Contents(EncoderConfig config, FeatureSpec featureSpec, LabelSet labels, float[] mean, float[] std,
                    Provenance provenance, Map<String, int[]> tensorShapes, String weightsSha256) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS); // exact decimal text, parsed once below

    private ModelManifest() {
    }

    static byte[] write(Contents c) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", VERSION);
        EncoderConfig e = c.config();
        ObjectNode encoder = root.putObject("encoder");
        encoder.put("inputDims", e.inputDims()).put("modelDims", e.modelDims()).put("heads", e.heads())
                .put("feedForwardDims", e.feedForwardDims()).put("layers", e.layers())
                .put("leftContext", e.leftContext()).put("rightContext", e.rightContext())
                .put("labelCount", e.labelCount()).put("positionEncoding", e.positionEncoding().name())
                .put("normPlacement", e.normPlacement().name()).put("activation", e.activation().name());
        if (e.scoring() != AttentionScoring.DOT_PRODUCT) {
            encoder.put("attentionScoring", e.scoring().name()); // absent = dot product: older files read as before
        }
        FrontEndJson.put(encoder, e.frontEnd());                 // absent = none: older files read as before
        FeatureSpec f = c.featureSpec();
        root.putObject("featureSpec").put("sampleRate", f.sampleRate()).put("windowSamples", f.windowSamples())
                .put("hopSamples", f.hopSamples()).put("melBands", f.melBands()).put("coefficients", f.coefficients())
                .put("kind", f.kind().name()).put("minFrequency", f.minFrequency()).put("maxFrequency", f.maxFrequency());
        ArrayNode labels = root.putArray("labels");
        c.labels().names().forEach(labels::add);
        ObjectNode normalisation = root.putObject("normalisation");
        ArrayNode mean = normalisation.putArray("mean");
        ArrayNode std = normalisation.putArray("std");
        for (int i = 0; i < c.mean().length; i++) {
            mean.add(c.mean()[i]);
            std.add(c.std()[i]);
        }
        Provenance p = c.provenance();
        ObjectNode provenance = root.putObject("provenance");
        provenance.put("trainingData", p.trainingData()).put("seed", p.seed()).put("codeVersion", p.codeVersion());
        ObjectNode metrics = provenance.putObject("metrics");
        p.metrics().forEach(metrics::put);
        ObjectNode weights = root.putObject("weights");
        weights.put("entry", ModelFile.WEIGHTS_ENTRY).put("dtype", "float32").put("byteOrder", "little-endian")
                .put("sha256", c.weightsSha256());
        ArrayNode tensors = weights.putArray("tensors");
        c.tensorShapes().forEach((name, shape) -> {
            ObjectNode tensor = tensors.addObject().put("name", name);
            ArrayNode dims = tensor.putArray("shape");
            Arrays.stream(shape).forEach(dims::add);
        });
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e1) {
            throw new IllegalStateException("cannot serialise a manifest", e1);
        }
    }

    static Contents read(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be parsed (" + e.getMessage() + ")");
        }
        Fields in = new Fields(root, "");
        String format = in.text("format");
        int version = in.integer("formatVersion");
        if (!FORMAT.equals(format) || version != VERSION) {
            throw new IllegalArgumentException("format is " + format + " version " + version + ", expected " + FORMAT
                    + " version " + VERSION);
        }
        EncoderConfig config = readConfig(in.object("encoder"));
        FeatureSpec spec = readFeatureSpec(in.object("featureSpec"));
        LabelSet labels = new LabelSet(in.texts("labels"));
        Fields normalisation = in.object("normalisation");
        float[] mean = normalisation.floats("mean");
        float[] std = normalisation.floats("std");
        Fields p = in.object("provenance");
        Provenance provenance = new Provenance(p.text("trainingData"), p.longInteger("seed"), p.text("codeVersion"),
                p.object("metrics").doubles());
        Fields weights = in.object("weights");
        if (!ModelFile.WEIGHTS_ENTRY.equals(weights.text("entry")) || !"float32".equals(weights.text("dtype"))
                || !"little-endian".equals(weights.text("byteOrder"))) {
            throw new IllegalArgumentException("weights must be float32 little-endian in entry " + ModelFile.WEIGHTS_ENTRY);
        }
        return new Contents(config, spec, labels, mean, std, provenance, weights.tensorShapes("tensors"),
                weights.text("sha256"));
    }

    private static EncoderConfig readConfig(Fields e) {
        return new EncoderConfig(e.integer("inputDims"), e.integer("modelDims"), e.integer("heads"),
                e.integer("feedForwardDims"), e.integer("layers"), e.integer("leftContext"),
                e.integer("rightContext"), e.integer("labelCount"),
                e.enumValue("positionEncoding", PositionEncoding.class), e.enumValue("normPlacement", NormPlacement.class),
                e.enumValue("activation", Activation.class),
                e.node().has("attentionScoring") ? e.enumValue("attentionScoring", AttentionScoring.class)
                        : AttentionScoring.DOT_PRODUCT,
                FrontEndJson.read(e.node(), e.path(), FrontEnd.NONE));
    }

    private static FeatureSpec readFeatureSpec(Fields f) {
        return new FeatureSpec(f.integer("sampleRate"), f.integer("windowSamples"), f.integer("hopSamples"),
                f.integer("melBands"), f.integer("coefficients"), f.enumValue("kind", FeatureKind.class),
                f.decimal("minFrequency"), f.decimal("maxFrequency"));
    }

    /** Typed access to one JSON object's fields, naming the field's full path when it is missing or mistyped. */
    private record Fields(JsonNode node, String path) {

        private JsonNode field(String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw new IllegalArgumentException("missing field " + path + name);
            }
            return value;
        }

        private IllegalArgumentException wrongType(String name, String expected) {
            return new IllegalArgumentException("field " + path + name + " must be " + expected);
        }

        Fields object(String name) {
            JsonNode value = field(name);
            if (!value.isObject()) {
                throw wrongType(name, "an object");
            }
            return new Fields(value, path + name + ".");
        }

        String text(String name) {
            JsonNode value = field(name);
            if (!value.isTextual()) {
                throw wrongType(name, "a string");
            }
            return value.asText();
        }

        int integer(String name) {
            JsonNode value = field(name);
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw wrongType(name, "an integer");
            }
            return value.intValue();
        }

        long longInteger(String name) {
            JsonNode value = field(name);
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw wrongType(name, "an integer");
            }
            return value.longValue();
        }

        double decimal(String name) {
            JsonNode value = field(name);
            if (!value.isNumber()) {
                throw wrongType(name, "a number");
            }
            return Double.parseDouble(value.asText());
        }

        <E extends Enum<E>> E enumValue(String name, Class<E> type) {
            String text = text(name);
            try {
                return Enum.valueOf(type, text);
            } catch (IllegalArgumentException e) {
                throw wrongType(name, "one of " + Arrays.toString(type.getEnumConstants()) + ", not " + text);
            }
        }

        List<String> texts(String name) {
            JsonNode value = field(name);
            List<String> result = new ArrayList<>();
            if (!value.isArray()) {
                throw wrongType(name, "an array of strings");
            }
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw wrongType(name, "an array of strings");
                }
                result.add(item.asText());
            }
            return result;
        }

        float[] floats(String name) {
            JsonNode value = field(name);
            if (!value.isArray()) {
                throw wrongType(name, "an array of numbers");
            }
            float[] result = new float[value.size()];
            for (int i = 0; i < result.length; i++) {
                if (!value.get(i).isNumber()) {
                    throw wrongType(name, "an array of numbers");
                }
                result[i] = Float.parseFloat(value.get(i).asText()); // exact: the text is what write() produced
            }
            return result;
        }

        Map<String, Double> doubles() {
            Map<String, Double> result = new LinkedHashMap<>();
            var names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                result.put(name, decimal(name));
            }
            return result;
        }

        Map<String, int[]> tensorShapes(String name) {
            JsonNode value = field(name);
            if (!value.isArray()) {
                throw wrongType(name, "an array of {name, shape}");
            }
            Map<String, int[]> shapes = new LinkedHashMap<>();
            for (int i = 0; i < value.size(); i++) {
                Fields tensor = new Fields(value.get(i), path + name + "[" + i + "].");
                JsonNode dims = tensor.field("shape");
                if (!dims.isArray()) {
                    throw tensor.wrongType("shape", "an array of integers");
                }
                int[] shape = new int[dims.size()];
                for (int d = 0; d < shape.length; d++) {
                    if (!dims.get(d).canConvertToInt() || dims.get(d).intValue() < 0) {
                        throw tensor.wrongType("shape", "an array of non-negative integers");
                    }
                    shape[d] = dims.get(d).intValue();
                }
                if (shapes.put(tensor.text("name"), shape) != null) {
                    throw new IllegalArgumentException("tensor " + tensor.text("name") + " is listed twice");
                }
            }
            return shapes;
        }
    }
}
