package io.tagstream.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagstream.features.FeatureKind;
import io.tagstream.features.FeatureSpec;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderJson;
import io.tagstream.model.JsonBinding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

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
 * must equal them. {@code encoder.frontEnd} (see {@link EncoderJson}; every field of a conv layer required) replaces
 * the base plan's front end; {@code {"conv": []}} means none. {@code "layers": 0} with a front end trains the front end
 * alone (no attention blocks; the attention fields are then unused); without one it is refused.
 * <p>
 * How it is read: the base plan is written as JSON ({@link #toJson}), each field the file gives replaces the base's
 * field of its section, and the result is bound by {@link JsonBinding} (every field, no unknown ones). Problems are
 * {@link IllegalArgumentException}s naming the source and the field.
 */
public final class TrainingPlanFile {

    private static final String FEATURES = "features";

    /** A plan as JSON, section for component; {@code features} is read apart, by {@link #features}. */
    record PlanJson(EncoderJson encoder, TrainingParameters training, FeatureAugmentation augmentation,
                    Decision decision) {

        static PlanJson of(TrainingPlan plan) {
            return new PlanJson(EncoderJson.of(plan.encoder()), plan.parameters(), plan.augmentation(),
                    new Decision(plan.logitOffsets().byLabel()));
        }

        TrainingPlan plan() {
            return new TrainingPlan(encoder.config(), training, augmentation, new LogitOffsets(decision.logitOffsets()));
        }
    }

    /** The {@code decision} section: logit offsets by label name. */
    record Decision(Map<String, Double> logitOffsets) {
    }

    /** The {@code features} section: a {@link FeatureSpec} but its sample rate, which is the pipeline's. */
    private record FeaturesJson(int windowSamples, int hopSamples, int melBands, int coefficients, FeatureKind kind,
                                double minFrequency, double maxFrequency) {

        static FeaturesJson of(FeatureSpec f) {
            return new FeaturesJson(f.windowSamples(), f.hopSamples(), f.melBands(), f.coefficients(), f.kind(),
                    f.minFrequency(), f.maxFrequency());
        }

        FeatureSpec spec(int sampleRate) {
            return new FeatureSpec(sampleRate, windowSamples, hopSamples, melBands, coefficients, kind, minFrequency,
                    maxFrequency);
        }
    }

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
        FeatureSpec d = FeatureSpec.DEFAULT;
        try {
            ObjectNode root = JsonBinding.tree(new FeaturesOnly(FeaturesJson.of(d)));
            overlay(root, JsonBinding.parse(text), FEATURES::equals);
            return JsonBinding.read(root, FeaturesOnly.class).features().spec(d.sampleRate());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** The {@code features} section alone, so that messages name it. */
    private record FeaturesOnly(FeaturesJson features) {
    }

    /** Parses JSON text ({@code source} names it in messages) over {@code base}. */
    public static TrainingPlan parse(String text, String source, TrainingPlan base) {
        try {
            ObjectNode plan = toJson(base);
            overlay(plan, JsonBinding.parse(text), section -> !FEATURES.equals(section)); // features: features()
            EncoderConfig b = base.encoder();
            JsonNode encoder = plan.path("encoder");
            requireEqual(encoder, "inputDims", b.inputDims(), "the feature spec's dims");
            requireEqual(encoder, "labelCount", b.labelCount(), "the label set's size");
            return fromJson(plan);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** The plan in {@code root}, a complete plan as {@link #toJson} writes it (every field required). */
    private static TrainingPlan fromJson(JsonNode root) {
        EncoderJson.withDefaults(root.path("encoder")); // plans from before scoring and front ends
        return JsonBinding.read(root, PlanJson.class).plan();
    }

    /** Every field of {@code plan}, in the layout {@link #fromJson} reads. */
    public static ObjectNode toJson(TrainingPlan plan) {
        return JsonBinding.tree(PlanJson.of(plan));
    }

    /**
     * Puts each field of each section of {@code file} that {@code reads} over the base's field. A section that is
     * not an object is an error; a section or field the base does not have is left for the binding to refuse.
     */
    private static void overlay(ObjectNode base, JsonNode file, Predicate<String> reads) {
        if (!file.isObject()) {
            throw new IllegalArgumentException("the top level must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> sections = file.fields(); sections.hasNext(); ) {
            Map.Entry<String, JsonNode> section = sections.next();
            if (!reads.test(section.getKey())) {
                continue;
            }
            JsonNode target = base.get(section.getKey());
            if (target == null) {
                base.set(section.getKey(), section.getValue());
            } else if (!section.getValue().isObject()) {
                throw new IllegalArgumentException("field " + section.getKey() + " must be an object");
            } else {
                ((ObjectNode) target).setAll((ObjectNode) section.getValue());
            }
        }
    }

    private static void requireEqual(JsonNode section, String name, int expected, String what) {
        JsonNode value = section.path(name);
        if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() != expected) {
            throw new IllegalArgumentException("encoder." + name + " is " + value.intValue() + " but " + what + " is "
                    + expected);
        }
    }
}
