package io.tagstream.wire;

import static io.tagstream.wire.WireAssertions.assertInvalid;
import static io.tagstream.wire.WireAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelJsonTest {

    private static final List<String> LABELS = List.of("silence", "speech", "music", "noise");
    static final LabelRecord EXAMPLE = new LabelRecord("mic-1", 42, 420, 430, "speech", LABELS,
            new float[] {0.01f, 0.9f, 0.05f, 0.04f}, "tiny-v1");
    /** The example of docs/wire-formats.md. */
    private static final String EXAMPLE_JSON = "{\"stream\":\"mic-1\",\"frame\":42,\"start_ms\":420,\"end_ms\":430,"
            + "\"label\":\"speech\",\"probabilities\":{\"silence\":0.01,\"speech\":0.9,\"music\":0.05,\"noise\":0.04},"
            + "\"model\":\"tiny-v1\"}";
    static final SegmentRecord SEGMENT = new SegmentRecord("mic-1", 1_200, 3_450, "music", 0.875);
    private static final String SEGMENT_JSON =
            "{\"stream\":\"mic-1\",\"start_ms\":1200,\"end_ms\":3450,\"label\":\"music\",\"confidence\":0.875}";

    @Test
    void encodesTheDocumentedExamples() {
        assertEquals(EXAMPLE_JSON, text(LabelJson.encode(EXAMPLE)));
        assertEquals(EXAMPLE, LabelJson.decodeLabel(bytes(EXAMPLE_JSON)));
        assertEquals(SEGMENT_JSON, text(LabelJson.encode(SEGMENT)));
        assertEquals(SEGMENT, LabelJson.decodeSegment(bytes(SEGMENT_JSON)));
    }

    @Test
    void identicalInputGivesByteIdenticalJson() {
        LabelRecord again = new LabelRecord("mic-1", 42, 420, 430, "speech",
                new ArrayList<>(List.of("silence", "speech", "music", "noise")),
                new float[] {0.01f, 0.9f, 0.05f, 0.04f}, "tiny-v1");
        assertArrayEquals(LabelJson.encode(EXAMPLE), LabelJson.encode(again));
        String reordered = "{\"model\":\"tiny-v1\",\"probabilities\":{\"silence\":1e-2,\"speech\":0.90,\"music\":5E-2,"
                + "\"noise\":0.0400},\"label\":\"speech\",\"end_ms\":430,\"start_ms\":420,\"frame\":42,\"stream\":\"mic-1\"}";
        assertEquals(EXAMPLE_JSON, text(LabelJson.encode(LabelJson.decodeLabel(bytes(reordered)))));
    }

    @Test
    void escapesOnlyQuoteAndBackslashAndWritesOtherCharactersAsUtf8() {
        String name = "a\"b\\c/é音🎵\u2028";
        String json = text(LabelJson.encode(new SegmentRecord(name, 0, 0, "x", 0.5)));
        assertEquals("{\"stream\":\"a\\\"b\\\\c/é音🎵\u2028\",\"start_ms\":0,\"end_ms\":0,\"label\":\"x\","
                + "\"confidence\":0.5}", json);
        assertEquals(name, LabelJson.decodeSegment(bytes(json)).stream());
    }

    @Test
    void randomLabelRecordsRoundTrip() {
        RandomWireRecords records = new RandomWireRecords(5_150L);
        for (int i = 0; i < 5_000; i++) {
            LabelRecord record = records.labelRecord();
            byte[] json = LabelJson.encode(record);
            LabelRecord decoded = LabelJson.decodeLabel(json);
            assertEquals(record, decoded);
            assertArrayEquals(json, LabelJson.encode(decoded), () -> text(json));
        }
    }

    @Test
    void randomSegmentRecordsRoundTrip() {
        RandomWireRecords records = new RandomWireRecords(6_160L);
        for (int i = 0; i < 5_000; i++) {
            SegmentRecord record = records.segmentRecord();
            byte[] json = LabelJson.encode(record);
            SegmentRecord decoded = LabelJson.decodeSegment(json);
            assertEquals(record, decoded);
            assertArrayEquals(json, LabelJson.encode(decoded), () -> text(json));
        }
    }

    @Test
    void numbersAreWrittenInTheirShortestRoundTrippingForm() {
        float[] floats = {0f, -0f, 1f, 0.1f, 1f / 3, 0.001f, 1.0E-4f, 1.234E-5f, Float.MIN_VALUE, Math.nextDown(1f)};
        String[] floatTexts = {"0.0", "0.0", "1.0", "0.1", "0.33333334", "0.001", "1.0E-4", "1.234E-5", "1.4E-45",
            "0.99999994"};
        for (int i = 0; i < floats.length; i++) {
            assertEquals(floatTexts[i], probabilityText(floats[i]));
        }
        double[] doubles = {0.875, 0.1, 2.0 / 3, 1.0E-7, Double.MIN_VALUE, 1.0};
        String[] doubleTexts = {"0.875", "0.1", "0.6666666666666666", "1.0E-7", "4.9E-324", "1.0"};
        for (int i = 0; i < doubles.length; i++) {
            String json = text(LabelJson.encode(new SegmentRecord("s", 0, 1, "x", doubles[i])));
            assertEquals("{\"stream\":\"s\",\"start_ms\":0,\"end_ms\":1,\"label\":\"x\",\"confidence\":" + doubleTexts[i]
                    + "}", json);
        }
    }

    /**
     * The rule of {@code Float.toString} since JDK 19 (Schubfach): the fewest significant digits that parse back to
     * the same float, except that a one-digit result is widened to the closest two-digit decimal (1.4E-45, not
     * 1E-45). So a written form of n >= 3 digits must have no round-tripping decimal with fewer digits.
     */
    @Test
    void noShorterDecimalRoundTripsToTheSameFloat() {
        RandomWireRecords records = new RandomWireRecords(31_337L);
        for (int i = 0; i < 3_000; i++) {
            float p = Math.abs(records.probability());
            String written = probabilityText(p);
            assertEquals(p, Float.parseFloat(written), written);
            BigDecimal exact = new BigDecimal(written).stripTrailingZeros();
            int minimumChecked = exact.precision() >= 3 ? 1 : exact.precision();
            for (int digits = minimumChecked; digits < exact.precision(); digits++) {
                for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                    BigDecimal shorter = exact.round(new MathContext(digits, mode));
                    assertFalse(Float.parseFloat(shorter.toString()) == p,
                            () -> shorter + " is shorter than " + written + " and parses to the same float");
                }
            }
        }
    }

    @Test
    void missingFieldsAreNamed() {
        for (String field : List.of("stream", "frame", "start_ms", "end_ms", "label", "probabilities", "model")) {
            String json = EXAMPLE_JSON.replaceFirst("\"" + field + "\":(\\{[^}]*}|\"[^\"]*\"|[0-9]+),?", "")
                    .replace(",}", "}");
            assertRejected(() -> LabelJson.decodeLabel(bytes(json)), "label JSON: missing field '" + field + "'");
        }
        for (String field : List.of("stream", "start_ms", "end_ms", "label", "confidence")) {
            String json = SEGMENT_JSON.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9.]+),?", "").replace(",}", "}");
            assertRejected(() -> LabelJson.decodeSegment(bytes(json)), "segment JSON: missing field '" + field + "'");
        }
    }

    @Test
    void wrongTypesAreNamed() {
        assertLabelRejected("\"frame\":42", "\"frame\":\"42\"", "field 'frame' must be an integer, got string");
        assertLabelRejected("\"frame\":42", "\"frame\":42.5", "field 'frame' must be an integer, got the number 42.5");
        assertLabelRejected("\"frame\":42", "\"frame\":1e2", "field 'frame' must be an integer");
        assertLabelRejected("\"frame\":42", "\"frame\":null", "field 'frame' must be an integer, got null");
        assertLabelRejected("\"stream\":\"mic-1\"", "\"stream\":5", "field 'stream' must be a string, got the number 5");
        assertLabelRejected("\"model\":\"tiny-v1\"", "\"model\":[\"a\"]", "field 'model' must be a string, got array");
        assertLabelRejected("{\"silence\":0.01,\"speech\":0.9,\"music\":0.05,\"noise\":0.04}", "[0.01,0.9]",
                "field 'probabilities' must be an object, got array");
        assertLabelRejected("\"speech\":0.9", "\"speech\":\"0.9\"", "probability of 'speech' must be a number, got string");
        assertLabelRejected("\"speech\":0.9", "\"speech\":true", "probability of 'speech' must be a number, got boolean");
        assertSegmentRejected("0.875", "\"high\"", "field 'confidence' must be a number, got string");
        assertSegmentRejected("1200", "1200.0", "field 'start_ms' must be an integer");
    }

    @Test
    void probabilitiesMustMatchTheLabel() {
        assertLabelRejected("\"label\":\"speech\"", "\"label\":\"laughter\"",
                "label JSON: label 'laughter' is not one of the probability labels");
        assertLabelRejected("{\"silence\":0.01,\"speech\":0.9,\"music\":0.05,\"noise\":0.04}", "{}",
                "probabilities must name 1..1024 labels, got 0");
        assertLabelRejected("\"speech\":0.9", "\"speech\":1.5", "probability of 'speech' is 1.5, not in [0, 1]");
        assertLabelRejected("\"speech\":0.9", "\"speech\":-0.1", "probability of 'speech' is -0.1, not in [0, 1]");
        assertLabelRejected("\"speech\":0.9", "\"speech\":1e999", "probability of 'speech' is Infinity");
        assertLabelRejected("\"speech\":0.9", "\"speech\":NaN", "invalid JSON", "NaN");
        assertLabelRejected("\"speech\":0.9", "\"speech\":1e2147483648", "invalid JSON: unrepresentable number");
        String underflow = EXAMPLE_JSON.replace("\"speech\":0.9", "\"speech\":1e-2147483647");
        assertEquals(0f, LabelJson.decodeLabel(bytes(underflow)).probability(1)); // underflows to 0, a valid value
        assertLabelRejected("\"music\":0.05", "\"speech\":0.05", "invalid JSON", "Duplicate field 'speech'");
        assertLabelRejected("\"noise\":0.04", "\"\":0.04", "label must not be empty");
        assertLabelRejected("\"noise\":0.04", "\"no\\nise\":0.04", "label 'no\\u000Aise' contains control character U+000A");
        StringBuilder tooMany = new StringBuilder("{");
        for (int i = 0; i <= LabelRecord.MAX_LABELS; i++) {
            tooMany.append(i == 0 ? "" : ",").append("\"l").append(i).append("\":0");
        }
        assertLabelRejected("{\"silence\":0.01,\"speech\":0.9,\"music\":0.05,\"noise\":0.04}", tooMany + "}",
                "probabilities must name 1..1024 labels, got 1025");
    }

    @Test
    void invalidValuesAreNamed() {
        assertLabelRejected("\"frame\":42", "\"frame\":-1", "frame must be >= 0, got -1");
        assertLabelRejected("\"frame\":42", "\"frame\":9223372036854775808",
                "field 'frame' is out of the 64-bit integer range");
        assertLabelRejected("\"end_ms\":430", "\"end_ms\":419", "end_ms 419 is before start_ms 420");
        assertLabelRejected("\"stream\":\"mic-1\"", "\"stream\":\"\"", "stream must not be empty");
        assertLabelRejected("\"stream\":\"mic-1\"", "\"stream\":\"a\\u0000b\"", "control character U+0000");
        assertLabelRejected("\"model\":\"tiny-v1\"", "\"model\":\"\\ud800\"", "model id contains an unpaired surrogate");
        assertSegmentRejected("0.875", "1.0000001", "confidence is 1.0000001, not in [0, 1]");
        assertSegmentRejected("\"end_ms\":3450", "\"end_ms\":3", "end_ms 3 is before start_ms 1200");
    }

    @Test
    void malformedJsonIsRejected() {
        assertRejected(() -> LabelJson.decodeLabel(bytes(EXAMPLE_JSON + "{}")), "label JSON: invalid JSON", "Trailing");
        assertRejected(() -> LabelJson.decodeLabel(bytes(EXAMPLE_JSON + " x")), "label JSON: invalid JSON");
        assertRejected(() -> LabelJson.decodeLabel(bytes("[]")), "label JSON: expected a JSON object, got array");
        assertRejected(() -> LabelJson.decodeLabel(bytes("42")), "expected a JSON object, got number");
        assertRejected(() -> LabelJson.decodeLabel(bytes("")), "expected a JSON object, got no JSON value");
        assertRejected(() -> LabelJson.decodeLabel(bytes("   ")), "expected a JSON object");
        assertRejected(() -> LabelJson.decodeLabel(null), "label JSON: no bytes (null record)");
        assertRejected(() -> LabelJson.decodeSegment(null), "segment JSON: no bytes (null record)");
        byte[] invalidUtf8 = bytes(EXAMPLE_JSON);
        invalidUtf8[12] = (byte) 0xC3; // inside "mic-1", followed by an ASCII byte
        assertRejected(() -> LabelJson.decodeLabel(invalidUtf8), "invalid JSON", "UTF-8");
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        assertRejected(() -> LabelJson.decodeLabel(bytes("{\"x\":" + deep + "}")), "invalid JSON", "nesting depth");
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] json = bytes(EXAMPLE_JSON);
        for (int length = 0; length < json.length; length++) {
            byte[] prefix = Arrays.copyOf(json, length);
            assertRejected(() -> LabelJson.decodeLabel(prefix), "label JSON: ");
        }
        byte[] segment = bytes(SEGMENT_JSON);
        for (int length = 0; length < segment.length; length++) {
            byte[] prefix = Arrays.copyOf(segment, length);
            assertRejected(() -> LabelJson.decodeSegment(prefix), "segment JSON: ");
        }
    }

    @Test
    void unknownFieldsAreIgnored() {
        String extended = EXAMPLE_JSON.replace("\"model\"", "\"wall_clock_ms\":1,\"extra\":{\"a\":[1,2]},\"model\"");
        assertEquals(EXAMPLE, LabelJson.decodeLabel(bytes(extended)));
    }

    @Test
    void recordsRejectInvalidFields() {
        float[] four = {0.25f, 0.25f, 0.25f, 0.25f};
        assertInvalid(() -> new LabelRecord("s", 0, 0, 0, "a", List.of("a", "a"), new float[2], "m"), "duplicate");
        assertInvalid(() -> new LabelRecord("s", 0, 0, 0, "x", LABELS, four, "m"), "'x' is not one of the");
        assertInvalid(() -> new LabelRecord("s", 0, 0, 0, "music", LABELS, new float[3], "m"), "3 probabilities for 4");
        assertInvalid(() -> new LabelRecord("s", 0, 0, 0, "music", List.of(), new float[0], "m"), "got 0");
        assertInvalid(() -> new LabelRecord("s", 0, 0, 0, "music", LABELS, new float[] {0, Float.NaN, 0, 0}, "m"),
                "probability of 'speech' is NaN");
        assertInvalid(() -> new LabelRecord("s", 0, 5, 4, "music", LABELS, four, "m"), "end_ms 4 is before start_ms 5");
        assertInvalid(() -> new LabelRecord("s", 0, 0, 0, "music", LABELS, four, ""), "model id must not be empty");
        assertInvalid(() -> new SegmentRecord("s", 0, 1, "a", Double.NaN), "confidence is NaN");
        assertInvalid(() -> new SegmentRecord("s", -1, 1, "a", 0.5), "start_ms must be >= 0");
        float[] probabilities = four.clone();
        LabelRecord record = new LabelRecord("s", 0, 0, 0, "music", LABELS, probabilities, "m");
        probabilities[0] = 1f;
        record.probabilities()[1] = 1f;
        assertArrayEquals(four, record.probabilities());
    }

    private static void assertLabelRejected(String original, String replacement, String... fragments) {
        String json = EXAMPLE_JSON.replace(original, replacement);
        assertFalse(json.equals(EXAMPLE_JSON), "test replaces nothing: " + original);
        assertRejected(() -> LabelJson.decodeLabel(bytes(json)), fragments);
    }

    private static void assertSegmentRejected(String original, String replacement, String... fragments) {
        String json = SEGMENT_JSON.replace(original, replacement);
        assertFalse(json.equals(SEGMENT_JSON), "test replaces nothing: " + original);
        assertRejected(() -> LabelJson.decodeSegment(bytes(json)), fragments);
    }

    private static String probabilityText(float p) {
        String json = text(LabelJson.encode(new LabelRecord("s", 0, 0, 0, "x", List.of("x"), new float[] {p}, "m")));
        String prefix = "\"probabilities\":{\"x\":";
        int start = json.indexOf(prefix) + prefix.length();
        return json.substring(start, json.indexOf('}', start));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
