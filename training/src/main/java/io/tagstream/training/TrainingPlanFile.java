package io.tagstream.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagstream.features.FeatureKind;
import io.tagstream.features.FeatureSpec;
import io.tagstream.model.Activation;
import io.tagstream.model.AttentionScoring;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.FrontEnd;
import io.tagstream.model.FrontEndJson;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link TrainingPlan} as JSON ({@code tagstream train --config FILE}); every field is optional and overrides the
 * standard plan, unknown fields are errors:
 * <pre>
 * {
 *   "encoder":  {"modelDims": 128, "heads": 4, "feedForwardDims": 512, "layers": 4, "leftContext": 64,
 *                "rightContext": 2, "positionEncoding": "ROTARY", "normPlacement": "PRE_NORM", "activation": "GELU",
 *                "frontEnd": {"conv": [{"channels": 16, "kernelTime": 3, "kernelFreq": 3, "strideFreq": 2,
 *                                       "rightContext": 1}]}},
 *   "training": {"seed": 1, "batchSize": 16, "cropFrames": 256, "learningRate": 0.001, "learningRateDecay": 1,
 *                "averagingSteps": 0, "maxEpochs": 30, "patience": 5, "stepsPerEpoch": 0, "classWeighting": true,
 *                "workers": 1},
 *   "augmentation": {"gainDb": 0, "tiltDb": 0, "frequencyMasks": 0, "maxMaskBands": 0},
 *   "decision": {"logitOffsets": {"speech": -1.5}},
 *   "features": {"melBands": 64, "minFrequency": 0, "maxFrequency": 8000, "windowSamples": 400,
 *                "hopSamples": 160, "kind": "LOG_MEL", "coefficients": 0}
 * }
 * </pre>
 * {@code features} overrides {@link FeatureSpec#DEFAULT} (the sample rate stays the pipeline's 16 kHz); it is read
 * by {@link #features} before the plan, since the encoder's input width follows from it.
 * {@code encoder.inputDims} and {@code encoder.labelCount} follow from the feature spec and label set; if given they
 * must equal them. {@code encoder.frontEnd} (see {@link FrontEndJson}; every field of a conv layer required) replaces
 * the base plan's front end; {@code {"conv": []}} means none. {@code "layers": 0} with a front end trains the front end
 * alone (no attention blocks; the attention fields are then unused); without one it is refused. Problems are
 * {@link IllegalArgumentException}s naming the source and the field.
 */
public final class TrainingPlanFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SECTIONS = Set.of("encoder", "training", "augmentation", "decision",
            "features");
    private static final Set<String> FEATURE_FIELDS = Set.of("melBands", "minFrequency", "maxFrequency",
            "windowSamples", "hopSamples", "kind", "coefficients");
    private static final Set<String> ENCODER_FIELDS = Set.of("inputDims", "modelDims", "heads", "feedForwardDims",
            "layers", "leftContext", "rightContext", "labelCount", "positionEncoding", "normPlacement", "activation",
            "attentionScoring", FrontEndJson.FIELD);
    private static final Set<String> TRAINING_FIELDS = Set.of("seed", "batchSize", "cropFrames", "learningRate",
            "learningRateDecay", "averagingSteps", "maxEpochs", "patience", "stepsPerEpoch", "classWeighting",
            "workers");
    private static final Set<String> AUGMENTATION_FIELDS = Set.of("gainDb", "tiltDb", "frequencyMasks",
            "maxMaskBands");
    private static final Set<String> DECISION_FIELDS = Set.of("logitOffsets");

    private TrainingPlanFile() {
    }

    /** Reads {@code file} over {@code base}. */
    public static TrainingPlan read(Path file, TrainingPlan base) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), String.valueOf(file.getFileName()), base);
    }

    /** The feature spec of {@code file}'s {@code features} section over {@link FeatureSpec#DEFAULT}. */
    public static FeatureSpec features(Path file) throws IOException {
        return parseFeatures(Files.readString(file, StandardCharsets.UTF_8), String.valueOf(file.getFileName()));
    }

    /** The feature spec of the JSON text's {@code features} section over {@link FeatureSpec#DEFAULT}. */
    public static FeatureSpec parseFeatures(String text, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        Section f = new Section(root, source, "", SECTIONS).section("features", FEATURE_FIELDS);
        FeatureSpec d = FeatureSpec.DEFAULT;
        try {
            return new FeatureSpec(d.sampleRate(), f.integer("windowSamples", d.windowSamples()),
                    f.integer("hopSamples", d.hopSamples()), f.integer("melBands", d.melBands()),
                    f.integer("coefficients", d.coefficients()), f.enumValue("kind", FeatureKind.class, d.kind()),
                    f.decimal("minFrequency", d.minFrequency()), f.decimal("maxFrequency", d.maxFrequency()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** Parses JSON text ({@code source} names it in messages) over {@code base}. */
    public static TrainingPlan parse(String text, String source, TrainingPlan base) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        return fromJson(root, source, base);
    }

    /** The plan in {@code root} (an object as written by {@link #toJson}) over {@code base}. */
    static TrainingPlan fromJson(JsonNode root, String source, TrainingPlan base) {
        Section top = new Section(root, source, "", SECTIONS);
        Section e = top.section("encoder", ENCODER_FIELDS);
        Section t = top.section("training", TRAINING_FIELDS);
        Section a = top.section("augmentation", AUGMENTATION_FIELDS);
        Section d = top.section("decision", DECISION_FIELDS);
        EncoderConfig b = base.encoder();
        e.requireEqual("inputDims", b.inputDims(), "the feature spec's dims");
        e.requireEqual("labelCount", b.labelCount(), "the label set's size");
        TrainingParameters p = base.parameters();
        int modelDims = e.integer("modelDims", b.modelDims());
        int heads = e.integer("heads", b.heads());
        int feedForwardDims = e.integer("feedForwardDims", b.feedForwardDims());
        int layers = e.integer("layers", b.layers());
        int left = e.integer("leftContext", b.leftContext());
        int right = e.integer("rightContext", b.rightContext());
        PositionEncoding position = e.enumValue("positionEncoding", PositionEncoding.class, b.positionEncoding());
        NormPlacement norm = e.enumValue("normPlacement", NormPlacement.class, b.normPlacement());
        Activation activation = e.enumValue("activation", Activation.class, b.activation());
        AttentionScoring scoring = e.enumValue("attentionScoring", AttentionScoring.class, b.scoring());
        FrontEnd frontEnd = e.frontEnd(b.frontEnd());
        long seed = t.longInteger("seed", p.seed());
        int batchSize = t.integer("batchSize", p.batchSize());
        int cropFrames = t.integer("cropFrames", p.cropFrames());
        double learningRate = t.decimal("learningRate", p.learningRate());
        double learningRateDecay = t.decimal("learningRateDecay", p.learningRateDecay());
        int averagingSteps = t.integer("averagingSteps", p.averagingSteps());
        int maxEpochs = t.integer("maxEpochs", p.maxEpochs());
        int patience = t.integer("patience", p.patience());
        int stepsPerEpoch = t.integer("stepsPerEpoch", p.stepsPerEpoch());
        boolean classWeighting = t.bool("classWeighting", p.classWeighting());
        int workers = t.integer("workers", p.workers());
        FeatureAugmentation g = base.augmentation();
        double gainDb = a.decimal("gainDb", g.gainDb());
        double tiltDb = a.decimal("tiltDb", g.tiltDb());
        int frequencyMasks = a.integer("frequencyMasks", g.frequencyMasks());
        int maxMaskBands = a.integer("maxMaskBands", g.maxMaskBands());
        Map<String, Double> logitOffsets = d.numbers("logitOffsets", base.logitOffsets().byLabel());
        try {
            return new TrainingPlan(new EncoderConfig(b.inputDims(), modelDims, heads, feedForwardDims, layers, left,
                    right, b.labelCount(), position, norm, activation, scoring, frontEnd), new TrainingParameters(seed,
                    batchSize,
                    cropFrames, learningRate, learningRateDecay, averagingSteps, maxEpochs, patience, stepsPerEpoch,
                    classWeighting, workers),
                    new FeatureAugmentation(gainDb, tiltDb, frequencyMasks, maxMaskBands),
                    new LogitOffsets(logitOffsets));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(source + ": " + ex.getMessage(), ex);
        }
    }

    /** Every field of {@code plan}, in the layout {@link #fromJson} reads. */
    public static ObjectNode toJson(TrainingPlan plan) {
        ObjectNode root = JSON.createObjectNode();
        EncoderConfig e = plan.encoder();
        ObjectNode encoder = root.putObject("encoder");
        encoder.put("inputDims", e.inputDims()).put("modelDims", e.modelDims())
                .put("heads", e.heads()).put("feedForwardDims", e.feedForwardDims()).put("layers", e.layers())
                .put("leftContext", e.leftContext()).put("rightContext", e.rightContext())
                .put("labelCount", e.labelCount()).put("positionEncoding", e.positionEncoding().name())
                .put("normPlacement", e.normPlacement().name()).put("activation", e.activation().name());
        if (e.scoring() != AttentionScoring.DOT_PRODUCT) {
            encoder.put("attentionScoring", e.scoring().name()); // absent = dot product, as in older plans
        }
        FrontEndJson.put(encoder, e.frontEnd());                 // absent = none, as in older plans
        TrainingParameters p = plan.parameters();
        root.putObject("training").put("seed", p.seed()).put("batchSize", p.batchSize())
                .put("cropFrames", p.cropFrames()).put("learningRate", p.learningRate())
                .put("learningRateDecay", p.learningRateDecay()).put("averagingSteps", p.averagingSteps())
                .put("maxEpochs", p.maxEpochs()).put("patience", p.patience())
                .put("stepsPerEpoch", p.stepsPerEpoch()).put("classWeighting", p.classWeighting())
                .put("workers", p.workers());
        FeatureAugmentation a = plan.augmentation();
        root.putObject("augmentation").put("gainDb", a.gainDb()).put("tiltDb", a.tiltDb())
                .put("frequencyMasks", a.frequencyMasks()).put("maxMaskBands", a.maxMaskBands());
        ObjectNode offsets = root.putObject("decision").putObject("logitOffsets");
        plan.logitOffsets().byLabel().forEach(offsets::put);
        return root;
    }

    /**
     * One JSON object whose fields are all optional; messages name the source and the field's path
     * ({@code prefix} + name).
     */
    private record Section(JsonNode node, String source, String prefix, Set<String> known) {

        Section {
            if (node != null && !node.isObject()) {
                throw new IllegalArgumentException(source + ": " + (prefix.isEmpty() ? "the top level"
                        : prefix.substring(0, prefix.length() - 1)) + " must be a JSON object");
            }
            if (node != null) {
                for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!known.contains(name)) {
                        throw new IllegalArgumentException(source + ": unknown field " + prefix + name + " (known: "
                                + String.join(", ", known.stream().sorted().toList()) + ")");
                    }
                }
            }
        }

        Section section(String name, Set<String> fields) {
            JsonNode value = node == null ? null : node.get(name);
            return new Section(value == null || value.isNull() ? null : value, source, prefix + name + ".", fields);
        }

        private JsonNode field(String name) {
            JsonNode value = node == null ? null : node.get(name);
            return value == null || value.isNull() ? null : value;
        }

        private IllegalArgumentException wrongType(String name, String expected) {
            return new IllegalArgumentException(source + ": " + prefix + name + " must be " + expected);
        }

        int integer(String name, int fallback) {
            JsonNode value = field(name);
            if (value == null) {
                return fallback;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw wrongType(name, "an integer");
            }
            return value.intValue();
        }

        long longInteger(String name, long fallback) {
            JsonNode value = field(name);
            if (value == null) {
                return fallback;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw wrongType(name, "an integer");
            }
            return value.longValue();
        }

        double decimal(String name, double fallback) {
            JsonNode value = field(name);
            if (value == null) {
                return fallback;
            }
            if (!value.isNumber()) {
                throw wrongType(name, "a number");
            }
            return value.doubleValue();
        }

        /** An object of numbers by name, e.g. {@code {"speech": -1.5}}. */
        Map<String, Double> numbers(String name, Map<String, Double> fallback) {
            JsonNode value = field(name);
            if (value == null) {
                return fallback;
            }
            if (!value.isObject()) {
                throw wrongType(name, "an object of numbers by label");
            }
            Map<String, Double> numbers = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = fields.next();
                if (!entry.getValue().isNumber()) {
                    throw new IllegalArgumentException(source + ": " + prefix + name + "." + entry.getKey()
                            + " must be a number");
                }
                numbers.put(entry.getKey(), entry.getValue().doubleValue());
            }
            return numbers;
        }

        boolean bool(String name, boolean fallback) {
            JsonNode value = field(name);
            if (value == null) {
                return fallback;
            }
            if (!value.isBoolean()) {
                throw wrongType(name, "true or false");
            }
            return value.booleanValue();
        }

        <E extends Enum<E>> E enumValue(String name, Class<E> type, E fallback) {
            JsonNode value = field(name);
            if (value == null) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, value.asText());
            } catch (IllegalArgumentException e) {
                throw wrongType(name, "one of " + Arrays.toString(type.getEnumConstants()));
            }
        }

        /** The front end in this section's {@code frontEnd} field ({@link FrontEndJson}), or {@code fallback}. */
        FrontEnd frontEnd(FrontEnd fallback) {
            try {
                return FrontEndJson.read(node, prefix, fallback);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
            }
        }

        void requireEqual(String name, int expected, String what) {
            int value = integer(name, expected);
            if (value != expected) {
                throw new IllegalArgumentException(source + ": " + prefix + name + " is " + value + " but " + what
                        + " is " + expected);
            }
        }
    }
}
