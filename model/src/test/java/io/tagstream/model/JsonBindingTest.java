package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The strict binding: every field required, none unknown, no coercion, exact floats, one-line messages. */
class JsonBindingTest {

    record Layer(int channels, String name) {
        Layer {
            if (channels < 1) {
                throw new IllegalArgumentException("invalid layer: channels must be >= 1, got " + channels);
            }
        }

        /** Not a field: a record is its components. */
        boolean isWide() {
            return channels > 8;
        }
    }

    record Section(long seed, double rate, boolean flag, Activation activation, List<Layer> layers, float[] values,
                   Map<String, Double> offsets) {
    }

    record Root(Section section) {
    }

    private static final String GOOD = "{\"section\": {\"seed\": 7, \"rate\": 0.5, \"flag\": true, "
            + "\"activation\": \"GELU\", \"layers\": [{\"channels\": 2, \"name\": \"a\"}], \"values\": [0.1, 3], "
            + "\"offsets\": {\"speech\": -1.5}}}";

    @Test
    void aRecordIsItsComponentsAndReadsBackAsWritten() {
        Root root = JsonBinding.read(JsonBinding.parse(GOOD), Root.class);
        assertEquals(7, root.section().seed());
        assertEquals(List.of(new Layer(2, "a")), root.section().layers());
        assertArrayEquals(new float[] {0.1f, 3f}, root.section().values());
        String written = new String(JsonBinding.write(root), StandardCharsets.UTF_8);
        assertFalse(written.contains("wide"), "isWide() is not a field");
        Root again = JsonBinding.read(JsonBinding.parse(written), Root.class);
        assertEquals(root.section().layers(), again.section().layers());
        assertEquals(root.section().offsets(), again.section().offsets());
    }

    @Test
    void floatsReadBackBitForBit() {
        Random random = new Random(5);
        float[] values = new float[20_000];
        for (int i = 0; i < values.length; i++) {
            float value;
            do {
                value = Float.intBitsToFloat(random.nextInt());  // every exponent, incl. subnormals
            } while (!Float.isFinite(value));
            values[i] = i % 2 == 0 ? value : (float) random.nextGaussian();
        }
        record Values(float[] values) {
        }
        byte[] json = JsonBinding.write(new Values(values));
        float[] read = JsonBinding.read(JsonBinding.parse(json), Values.class).values();
        for (int i = 0; i < values.length; i++) {
            assertEquals(Float.floatToIntBits(values[i]), Float.floatToIntBits(read[i]), "value " + i);
        }
    }

    @Test
    void everyProblemIsOneLineNamingTheField() {
        assertProblem("missing field section.rate", edit("\"rate\": 0.5, ", ""));
        assertProblem("missing field section.layers[0].name", edit(", \"name\": \"a\"", ""));
        assertProblem("unknown field section.layers[0].channel (known: channels, name)",
                edit("\"channels\": 2", "\"channel\": 2"));
        assertProblem("unknown field section.sed (known: activation, flag, layers, offsets, rate, seed, values)",
                edit("\"seed\"", "\"sed\""));
        assertProblem("field section.seed must be an integer", edit("\"seed\": 7", "\"seed\": \"7\""));
        assertProblem("field section.seed must be an integer", edit("\"seed\": 7", "\"seed\": 7.5"));
        assertProblem("field section.rate must be a number", edit("\"rate\": 0.5", "\"rate\": \"0.5\""));
        assertProblem("field section.flag must be true or false", edit("\"flag\": true", "\"flag\": 1"));
        assertProblem("field section.layers[0].name must be a string", edit("\"name\": \"a\"", "\"name\": 5"));
        assertProblem("field section.activation must be one of [RELU, GELU], not SWISH",
                edit("\"GELU\"", "\"SWISH\""));
        assertProblem("field section.values[1] must be a number", edit("[0.1, 3]", "[0.1, \"x\"]"));
        assertProblem("field section.offsets.speech must be a number", edit("-1.5", "\"low\""));
        assertProblem("field section.layers must be an array", edit("[{\"channels\": 2, \"name\": \"a\"}]", "{}"));
        assertProblem("field section.rate must be a number", edit("\"rate\": 0.5", "\"rate\": null"));
        assertProblem("field section.layers[0].name must not be null", edit("\"name\": \"a\"", "\"name\": null"));
        assertProblem("section.layers[0]: invalid layer: channels must be >= 1, got 0",
                edit("\"channels\": 2", "\"channels\": 0"));
        assertProblem("field section.seed must be an integer in range, got ",
                edit("\"seed\": 7", "\"seed\": 99999999999999999999"));
    }

    @Test
    void notValidJsonDuplicatesAndTrailingTextAreRefused() {
        assertEquals("not valid JSON (", parseProblem("{\"section\": ").substring(0, 16));
        assertEquals("not valid JSON (Duplicate field 'seed')",
                parseProblem(edit("\"seed\": 7", "\"seed\": 7, \"seed\": 8")));
        IllegalArgumentException trailing = assertThrows(IllegalArgumentException.class,
                () -> JsonBinding.read(JsonBinding.parse(GOOD + " {}"), Root.class));
        assertFalse(trailing.getMessage().contains("\n"), trailing.getMessage());
    }

    private static String edit(String from, String to) {
        if (!GOOD.contains(from)) {
            throw new IllegalStateException("the test's JSON has no " + from);
        }
        return GOOD.replace(from, to);
    }

    private static String parseProblem(String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonBinding.read(JsonBinding.parse(json), Root.class));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private static void assertProblem(String expectedStart, String json) {
        String message = parseProblem(json);
        assertEquals(expectedStart, message.substring(0, Math.min(message.length(), expectedStart.length())),
                message);
    }
}
