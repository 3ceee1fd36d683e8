package io.tagstream.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tagstream.features.FeatureKind;
import io.tagstream.features.FeatureSpec;
import io.tagstream.model.ConvLayerSpec;
import io.tagstream.model.Encoder;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.FrontEnd;
import io.tagstream.model.NormPlacement;
import io.tagstream.model.PositionEncoding;
import io.tagstream.model.WeightLayout;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON training plan: defaults, overrides, round trip, and one-line errors naming the file and field. */
class TrainingPlanFileTest {

    private static final TrainingPlan BASE = TrainingPlan.standard(40, 4, 1);

    @Test
    void theFeaturesSectionOverridesTheDefaultFeatureSpecAndThePlanAcceptsIt() {
        String text = "{\"features\": {\"melBands\": 64, \"maxFrequency\": 8000}, \"training\": {\"seed\": 3}}";
        FeatureSpec spec = TrainingPlanFile.parseFeatures(text, "p.json");
        assertEquals(new FeatureSpec(16_000, 400, 160, 64, 0, FeatureKind.LOG_MEL, 0.0, 8_000.0), spec);
        assertEquals(64, spec.dims());
        assertEquals(FeatureSpec.DEFAULT, TrainingPlanFile.parseFeatures("{}", "p.json"));
        TrainingPlan base = TrainingPlan.standard(64, 4, 1);
        assertEquals(3, TrainingPlanFile.parse(text, "p.json", base).parameters().seed());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> TrainingPlanFile.parseFeatures("{\"features\": {\"bands\": 64}}", "p.json"));
        assertEquals("p.json: unknown field features.bands (known: coefficients, hopSamples, kind, maxFrequency,"
                + " melBands, minFrequency, windowSamples)", unknown.getMessage());
        IllegalArgumentException nyquist = assertThrows(IllegalArgumentException.class,
                () -> TrainingPlanFile.parseFeatures("{\"features\": {\"maxFrequency\": 9000}}", "p.json"));
        assertEquals("p.json: invalid feature spec: max frequency 9000.0 Hz is above the Nyquist frequency 8000.0 Hz",
                nyquist.getMessage());
    }

    @Test
    void anEmptyObjectIsTheStandardPlan() {
        assertEquals(BASE, TrainingPlanFile.parse("{}", "p.json", BASE));
    }

    @Test
    void givenFieldsOverrideTheRestStays() {
        TrainingPlan plan = TrainingPlanFile.parse("{\"encoder\": {\"layers\": 2, \"positionEncoding\": "
                + "\"RELATIVE_BIAS\", \"normPlacement\": \"POST_NORM\"}, \"training\": {\"seed\": 9, "
                + "\"cropFrames\": 128, \"learningRate\": 0.0005, \"learningRateDecay\": 0.9, "
                + "\"averagingSteps\": 300, \"classWeighting\": false, \"workers\": 2}}", "p.json", BASE);
        assertEquals(2, plan.encoder().layers());
        assertEquals(PositionEncoding.RELATIVE_BIAS, plan.encoder().positionEncoding());
        assertEquals(NormPlacement.POST_NORM, plan.encoder().normPlacement());
        assertEquals(BASE.encoder().modelDims(), plan.encoder().modelDims());
        assertEquals(TrainingParameters.defaults(9).withCropFrames(128).withLearningRate(0.0005, 0.9)
                .withAveragingSteps(300).withClassWeighting(false).withWorkers(2), plan.parameters());
    }

    @Test
    void toJsonReadsBackAsTheSamePlan() {
        TrainingPlan plan = TrainingPlanFile.parse("{\"encoder\": {\"heads\": 8, \"rightContext\": 0}, "
                + "\"training\": {\"patience\": 2, \"stepsPerEpoch\": 40, \"workers\": 3}, "
                + "\"decision\": {\"logitOffsets\": {\"speech\": -1.5, \"music\": 0.25}}}", "p.json", BASE);
        assertEquals(new LogitOffsets(Map.of("speech", -1.5, "music", 0.25)), plan.logitOffsets());
        assertEquals(plan, TrainingPlanFile.parse(TrainingPlanFile.toJson(plan).toString(), "again", BASE));
    }

    @Test
    void aFrontEndIsReadWrittenOnlyWhenPresentAndReadsBack() {
        TrainingPlan plan = TrainingPlanFile.parse("{\"encoder\": {\"rightContext\": 1, \"frontEnd\": {\"conv\": ["
                + "{\"channels\": 16, \"kernelTime\": 3, \"kernelFreq\": 3, \"strideFreq\": 2, \"rightContext\": 1},"
                + "{\"channels\": 8, \"kernelTime\": 2, \"kernelFreq\": 5, \"strideFreq\": 1, \"rightContext\": 0}]}}}",
                "p.json", BASE);
        assertEquals(FrontEnd.of(new ConvLayerSpec(16, 3, 3, 2, 1), new ConvLayerSpec(8, 2, 5, 1, 0)),
                plan.encoder().frontEnd());
        assertEquals(plan, TrainingPlanFile.parse(TrainingPlanFile.toJson(plan).toString(), "again", BASE));
        assertEquals(FrontEnd.NONE, TrainingPlanFile.parse("{\"encoder\": {\"frontEnd\": {\"conv\": []}}}",
                "p.json", plan).encoder().frontEnd(), "an empty list removes the base plan's front end");
        assertEquals(plan.encoder().frontEnd(), TrainingPlanFile.parse("{}", "p.json", plan).encoder().frontEnd(),
                "absent keeps the base plan's");
        assertFalse(TrainingPlanFile.toJson(BASE).toString().contains("frontEnd"), "written only when present");
    }

    /** The conv-only plan of docs/training.md: the front end alone, 91 frames of receptive field. */
    static final String CONV_ONLY_PLAN = "{\"encoder\": {\"layers\": 0, \"frontEnd\": {\"conv\": [\n"
            + "   {\"channels\": 16, \"kernelTime\": 31, \"kernelFreq\": 3, \"strideFreq\": 2, \"rightContext\": 7},\n"
            + "   {\"channels\": 16, \"kernelTime\": 31, \"kernelFreq\": 3, \"strideFreq\": 2, \"rightContext\": 7},\n"
            + "   {\"channels\": 16, \"kernelTime\": 31, \"kernelFreq\": 3, \"strideFreq\": 1, \"rightContext\": 6}"
            + "]}}}";

    @Test
    void aConvOnlyPlanIsAcceptedWithTheDocumentedReceptiveFieldAndReadsBack() {
        TrainingPlan plan = TrainingPlanFile.parse(CONV_ONLY_PLAN, "p.json", BASE);
        EncoderConfig encoder = plan.encoder();
        assertEquals(0, encoder.layers());
        assertEquals(FrontEnd.of(new ConvLayerSpec(16, 31, 3, 2, 7), new ConvLayerSpec(16, 31, 3, 2, 7),
                new ConvLayerSpec(16, 31, 3, 1, 6)), encoder.frontEnd());
        EncoderConfig b = BASE.encoder();
        assertEquals(new EncoderConfig(b.inputDims(), b.modelDims(), b.heads(), b.feedForwardDims(), 0, b.leftContext(),
                b.rightContext(), b.labelCount(), b.positionEncoding(), b.normPlacement(), b.activation(), b.scoring(),
                encoder.frontEnd()), encoder, "everything else from the base plan");
        try (Encoder engine = Encoder.create(EncoderWeights.random(encoder, 1))) {
            assertEquals(90, engine.contextFrames(), "a receptive field of 91 frames");
            assertEquals(20, engine.latencyFrames(), "7 + 7 + 6 frames of lookahead, 200 ms");
        }
        assertEquals(70_532, WeightLayout.parameterCount(encoder), "as docs/training.md says");
        assertEquals(plan, TrainingPlanFile.parse(TrainingPlanFile.toJson(plan).toString(), "again", BASE));
        assertEquals(0, TrainingPlanFile.toJson(plan).get("encoder").get("layers").asInt());
    }

    @Test
    void zeroLayersWithoutAFrontEndAreAOneLineErrorNamingTheField() {
        assertError("{\"encoder\": {\"layers\": 0}}", "p.json: invalid encoder config: layers must be 1..64, or 0 "
                + "with a convolutional front end, got 0");
        TrainingPlan convOnly = TrainingPlanFile.parse(CONV_ONLY_PLAN, "p.json", BASE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingPlanFile.parse(
                "{\"encoder\": {\"frontEnd\": {\"conv\": []}}}", "p.json", convOnly));
        assertEquals("p.json: invalid encoder config: layers must be 1..64, or 0 with a convolutional front end, "
                + "got 0", e.getMessage(), "removing the base plan's front end leaves 0 layers without one");
        assertEquals(2, TrainingPlanFile.parse("{\"encoder\": {\"layers\": 2, \"frontEnd\": {\"conv\": []}}}",
                "p.json", convOnly).encoder().layers(), "with blocks again it is fine");
    }

    @Test
    void frontEndProblemsAreOneLineErrorsNamingTheField() {
        String layer = "{\"channels\": 4, \"kernelTime\": 3, \"kernelFreq\": 3, \"strideFreq\": 1, \"rightContext\": %d}";
        assertError("{\"encoder\": {\"frontEnd\": {\"conv\": [" + String.format(layer, 3) + "]}}}",
                "p.json: encoder.frontEnd.conv[0]: invalid front-end conv layer: rightContext must be 0..kernelTime-1 "
                        + "= 0..2, got 3");
        assertError("{\"encoder\": {\"rightContext\": 10, \"frontEnd\": {\"conv\": [" + String.format(layer, 2)
                + "]}}}", "p.json: invalid encoder config: lookahead of 42 frames (front end 2 + 4 layers x R 10) "
                        + "exceeds 20 frames (200 ms)");
        assertError("{\"encoder\": {\"frontEnd\": {\"conv\": [{\"channels\": 4}]}}}",
                "p.json: missing field encoder.frontEnd.conv[0].kernelTime");
        assertError("{\"encoder\": {\"frontEnd\": {\"conv\": [{\"channel\": 4}]}}}",
                "p.json: unknown field encoder.frontEnd.conv[0].channel (known: channels, kernelFreq, kernelTime, "
                        + "rightContext, strideFreq)");
        assertError("{\"encoder\": {\"frontEnd\": [1]}}",
                "p.json: field encoder.frontEnd must be an object");
    }

    @Test
    void problemsAreOneLineErrorsNamingTheFileAndField() {
        assertError("{\"encoder\": {\"layer\": 2}}", "p.json: unknown field encoder.layer (known: activation, ");
        assertError("{\"encoder\": {\"heads\": \"four\"}}", "p.json: field encoder.heads must be an integer");
        assertError("{\"encoder\": {\"inputDims\": 13}}",
                "p.json: encoder.inputDims is 13 but the feature spec's dims is 40");
        assertError("{\"encoder\": {\"heads\": 3}}",
                "p.json: invalid encoder config: model dims 128 must be divisible by heads 3");
        assertError("{\"training\": {\"batchSize\": 0}}",
                "p.json: training: invalid training parameters: batch size must be 1..1024, got 0");
        assertError("{\"training\": {\"learningRateDecay\": 1.5}}",
                "p.json: training: invalid training parameters: learning rate decay must be in (0, 1], got 1.5");
        assertError("{\"training\": {\"averagingSteps\": -1}}",
                "p.json: training: invalid training parameters: averaging steps must be 0 (off) .. 1000000, got -1");
        assertError("{\"training\": {\"batchSize\": 4, \"workers\": 5}}",
                "p.json: training: invalid training parameters: workers must be 1..4 (at most one per crop of the batch), got 5");
        assertError("{\"training\": {\"classWeighting\": \"yes\"}}", "p.json: field training.classWeighting must be true or false");
        assertError("{\"decision\": {\"logitOffsets\": {\"speech\": \"low\"}}}",
                "p.json: field decision.logitOffsets.speech must be a number");
        assertError("{\"decision\": {\"logitOffsets\": [-1]}}",
                "p.json: field decision.logitOffsets must be an object");
        assertError("{\"decision\": {\"logitOffsets\": {\"speech\": -30}}}",
                "p.json: logit offset of speech must be within +-20.0, got -30.0");
        assertError("{\"encoder\": [1]}", "p.json: field encoder must be an object");
        assertError("{\"encoder\": ", "p.json: not valid JSON");
    }

    private static void assertError(String json, String start) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingPlanFile.parse(json, "p.json", BASE));
        assertEquals(start, e.getMessage().substring(0, Math.min(start.length(), e.getMessage().length())),
                e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
    }
}
