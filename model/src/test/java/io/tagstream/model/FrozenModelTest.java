package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tagstream.features.FeatureKind;
import io.tagstream.features.FeatureSpec;

/**
 * A regression test on two small model files frozen in the test resources ({@code frozen/NAME.zip}, random weights)
 * with the probabilities the engine gave for a fixed input when they were frozen ({@code frozen/NAME.tsv}): offline
 * and streamed in chunks of 7 frames, the engine must still give them, within 1e-6 per probability (the engine is
 * deterministic; the margin lets a kernel reorder a sum, not change what a model computes). It fails when a change
 * to the engine, the model file reader or a default it fills in changes what a saved model computes.
 *
 * <p>The two cover every option: a convolutional front end, rotary positions, pre-norm, GELU and dot-product scoring;
 * and learned relative bias, post-norm, ReLU and additive scoring. They were written once by running this test with
 * {@code -Dtagstream.frozen.write=true} (it then writes the files into {@code src/test/resources} and passes).
 */
class FrozenModelTest {

    private static final double TOLERANCE = 1e-6;
    private static final int FRAMES = 120;
    private static final int CHUNK = 7;
    private static final Path SOURCE_DIR = Path.of("src", "test", "resources", "io", "tagstream", "model", "frozen");

    @ParameterizedTest
    @ValueSource(strings = {"conv-rotary", "additive-bias"})
    void aFrozenModelStillGivesTheProbabilitiesItGaveWhenFrozen(String name) throws Exception {
        boolean write = Boolean.getBoolean("tagstream.frozen.write");
        if (write) {
            freeze(name);
        }
        Path dir = write ? SOURCE_DIR : Path.of(getClass().getResource("frozen").toURI());
        Path model = dir.resolve(name + ".zip");
        Path expectedFile = dir.resolve(name + ".tsv");
        float[][] expected = read(expectedFile);
        try (Encoder encoder = ModelFile.read(model).encoder()) {
            float[][] input = input(encoder.config().inputDims());
            assertClose(expected, encoder.probabilities(input), name + " offline");
            StreamState stream = encoder.newStream();
            List<EmittedFrames> parts = new ArrayList<>();
            for (int from = 0; from < FRAMES; from += CHUNK) {
                parts.add(stream.accept(TestModels.slice(input, from, Math.min(CHUNK, FRAMES - from))));
            }
            parts.add(stream.flush());
            assertClose(expected, TestModels.concat(parts, 0), name + " streamed");
        }
    }

    /** The fixed input: smooth, different in every frame and dimension, within a few units of 0. */
    private static float[][] input(int dims) {
        float[][] frames = new float[FRAMES][dims];
        for (int t = 0; t < FRAMES; t++) {
            for (int d = 0; d < dims; d++) {
                frames[t][d] = (float) (2 * Math.sin(0.37 * t + 1.3 * d) + 0.5 * Math.cos(0.11 * t * (d + 1)));
            }
        }
        return frames;
    }

    private static void assertClose(float[][] expected, float[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": frames");
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t].length, actual[t].length, what + ": labels");
            for (int k = 0; k < expected[t].length; k++) {
                assertEquals(expected[t][k], actual[t][k], TOLERANCE, what + ": frame " + t + " label " + k);
            }
        }
    }

    private static float[][] read(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        float[][] rows = new float[lines.size()][];
        for (int t = 0; t < rows.length; t++) {
            String[] cells = lines.get(t).split("\t");
            rows[t] = new float[cells.length];
            for (int k = 0; k < cells.length; k++) {
                rows[t][k] = Float.parseFloat(cells[k]);
            }
        }
        assertTrue(rows.length == FRAMES, tsv + " holds " + rows.length + " frames");
        return rows;
    }

    /** Writes the model and its probabilities into the source tree (run once, by hand). */
    private static void freeze(String name) throws Exception {
        EncoderConfig config = switch (name) {
            case "conv-rotary" -> new EncoderConfig(12, 16, 2, 32, 2, 6, 2, 4, PositionEncoding.ROTARY,
                    NormPlacement.PRE_NORM, Activation.GELU, AttentionScoring.DOT_PRODUCT,
                    FrontEnd.of(new ConvLayerSpec(3, 3, 3, 2, 1), new ConvLayerSpec(4, 3, 3, 1, 1)));
            case "additive-bias" -> new EncoderConfig(12, 12, 3, 24, 2, 5, 1, 4, PositionEncoding.RELATIVE_BIAS,
                    NormPlacement.POST_NORM, Activation.RELU, AttentionScoring.ADDITIVE);
            default -> throw new IllegalArgumentException(name);
        };
        FeatureSpec spec = new FeatureSpec(16_000, 400, 160, config.inputDims(), 0, FeatureKind.LOG_MEL, 0.0, 8_000.0);
        ModelFile file = new ModelFile(EncoderWeights.random(config, 20_261_206L), spec, LabelSet.DEFAULT,
                new Provenance("none (random weights, frozen for FrozenModelTest)", 20_261_206L, "test", Map.of()));
        Files.createDirectories(SOURCE_DIR);
        file.write(SOURCE_DIR.resolve(name + ".zip"));
        StringBuilder tsv = new StringBuilder();
        try (Encoder encoder = file.encoder()) {
            for (float[] row : encoder.probabilities(input(config.inputDims()))) {
                for (int k = 0; k < row.length; k++) {
                    tsv.append(k == 0 ? "" : "\t").append(Float.toString(row[k]));
                }
                tsv.append('\n');
            }
        }
        Files.writeString(SOURCE_DIR.resolve(name + ".tsv"), tsv, StandardCharsets.UTF_8);
    }
}
