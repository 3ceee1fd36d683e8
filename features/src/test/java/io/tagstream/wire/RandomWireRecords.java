package io.tagstream.wire;

import io.tagstream.features.FeatureKind;
import io.tagstream.features.FeatureSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of valid wire records for property and fuzz tests, biased towards edge cases: empty
 * end-of-stream markers, unicode stream ids up to exactly 255 UTF-8 bytes, extreme sequence numbers and times,
 * extreme sample and float values.
 */
final class RandomWireRecords {

    private static final int[][] CODE_POINT_RANGES = {
        {0x20, 0x7E},       // printable ASCII
        {0xA0, 0x24F},      // Latin-1 supplement, Latin extended
        {0x391, 0x3C9},     // Greek
        {0x4E00, 0x9FFF},   // CJK ideographs (3 bytes in UTF-8)
        {0xE000, 0xF8FF},   // private use
        {0xFEFF, 0xFEFF},   // byte order mark (not a control character)
        {0x1F300, 0x1FAFF}, // emoji (surrogate pairs, 4 bytes in UTF-8)
        {0x10000, 0x10FFFF} // anything supplementary
    };
    private static final List<String> LABEL_WORDS = List.of("silence", "speech", "music", "noise", "bird", "engine",
            "Musik", "ruido", "音楽", "雑音", "🎵", "a", "x y", "quote\"d", "back\\slash", "ümlaut");

    private final Random random;

    RandomWireRecords(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A valid name of 1..255 UTF-8 bytes; sometimes exactly 255, sometimes plain ASCII. */
    String name() {
        int style = random.nextInt(6);
        if (style == 0) {
            return "stream-" + random.nextInt(1000);
        }
        int maxBytes = style == 1 ? WireName.MAX_UTF8_BYTES : 1 + random.nextInt(WireName.MAX_UTF8_BYTES);
        StringBuilder name = new StringBuilder();
        int bytes = 0;
        for (int attempt = 0; attempt < 400; attempt++) {
            int[] range = CODE_POINT_RANGES[random.nextInt(CODE_POINT_RANGES.length)];
            int codePoint = range[0] + random.nextInt(range[1] - range[0] + 1);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            name.appendCodePoint(codePoint);
            bytes += size;
        }
        while (style == 1 && bytes < maxBytes) { // fill up to exactly 255 bytes
            name.append('z');
            bytes++;
        }
        return name.length() == 0 ? "s" : name.toString();
    }

    long sequenceNumber(int count) {
        return switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> Long.MAX_VALUE - count;
            default -> Math.min(random.nextLong() >>> 1 >>> random.nextInt(63), Long.MAX_VALUE - count);
        };
    }

    long epochMillis() {
        return switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> Long.MAX_VALUE;
            default -> 1_700_000_000_000L + random.nextInt(1_000_000_000);
        };
    }

    PcmChunk pcmChunk(int maxSamples) {
        int count = random.nextInt(4) == 0 ? 0 : random.nextInt(maxSamples + 1);
        short[] samples = new short[count];
        for (int i = 0; i < count; i++) {
            samples[i] = switch (random.nextInt(8)) {
                case 0 -> Short.MIN_VALUE;
                case 1 -> Short.MAX_VALUE;
                case 2 -> 0;
                default -> (short) random.nextInt();
            };
        }
        int sampleRate = switch (random.nextInt(4)) {
            case 0 -> PcmChunk.MIN_SAMPLE_RATE;
            case 1 -> PcmChunk.MAX_SAMPLE_RATE;
            default -> PcmChunk.MIN_SAMPLE_RATE + random.nextInt(PcmChunk.MAX_SAMPLE_RATE - PcmChunk.MIN_SAMPLE_RATE);
        };
        return new PcmChunk(name(), sequenceNumber(count), sampleRate, epochMillis(), samples, random.nextBoolean());
    }

    /** A valid spec with at most {@code maxMelBands} mel bands. */
    FeatureSpec featureSpec(int maxMelBands) {
        int sampleRate = 1_000 + random.nextInt(383_001);
        int window = 16 + random.nextInt(random.nextBoolean() ? 2_048 : 65_521);
        int hop = 1 + random.nextInt(window);
        int melBands = 1 + random.nextInt(maxMelBands);
        boolean mfcc = random.nextBoolean();
        int coefficients = mfcc ? 1 + random.nextInt(melBands) : 0;
        double nyquist = sampleRate / 2.0;
        double min = random.nextInt(3) == 0 ? 0.0 : random.nextDouble() * nyquist * 0.5;
        double max = random.nextInt(3) == 0 ? nyquist : min + (nyquist - min) * (0.01 + 0.99 * random.nextDouble());
        return new FeatureSpec(sampleRate, window, hop, melBands, coefficients,
                mfcc ? FeatureKind.MFCC : FeatureKind.LOG_MEL, min, max);
    }

    FeatureChunk featureChunk(int maxFrames, int maxMelBands) {
        FeatureSpec spec = featureSpec(maxMelBands);
        int count = random.nextInt(4) == 0 ? 0 : random.nextInt(maxFrames + 1);
        float[] values = new float[count * spec.dims()];
        for (int i = 0; i < values.length; i++) {
            values[i] = finiteFloat();
        }
        return new FeatureChunk(name(), sequenceNumber(count), spec, epochMillis(), count, values,
                random.nextBoolean());
    }

    /** Any finite float: edge values, raw random bit patterns (subnormals included), typical log-mel values. */
    float finiteFloat() {
        switch (random.nextInt(8)) {
            case 0: return -0.0f;
            case 1: return random.nextBoolean() ? Float.MAX_VALUE : -Float.MAX_VALUE;
            case 2: return random.nextBoolean() ? Float.MIN_VALUE : Float.MIN_NORMAL;
            case 3:
                float bits;
                do {
                    bits = Float.intBitsToFloat(random.nextInt());
                } while (!Float.isFinite(bits));
                return bits;
            default: return (float) (random.nextGaussian() * 10.0 - 5.0);
        }
    }

    /** Any float in [0, 1]: edges, tiny values, arbitrary bit patterns in range, typical softmax outputs. */
    float probability() {
        switch (random.nextInt(8)) {
            case 0: return 0.0f;
            case 1: return 1.0f;
            case 2: return Float.MIN_VALUE;
            case 3: return Math.nextDown(1.0f);
            case 4: return -0.0f;
            case 5: return Float.intBitsToFloat(random.nextInt(Float.floatToIntBits(1.0f) + 1));
            default: return random.nextFloat();
        }
    }

    List<String> labelSet() {
        int size = random.nextInt(10) == 0 ? 1 + random.nextInt(40) : 1 + random.nextInt(6);
        List<String> labels = new ArrayList<>(size);
        while (labels.size() < size) {
            String candidate = random.nextInt(3) == 0 ? name() : LABEL_WORDS.get(random.nextInt(LABEL_WORDS.size()));
            if (!labels.contains(candidate)) {
                labels.add(candidate);
            }
        }
        return labels;
    }

    LabelRecord labelRecord() {
        List<String> labels = labelSet();
        float[] probabilities = new float[labels.size()];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = probability();
        }
        long frame = sequenceNumber(0);
        long start = random.nextInt(5) == 0 ? Long.MAX_VALUE - random.nextInt(10) : frame % 1_000_000_000L * 10;
        long end = start == Long.MAX_VALUE ? start : start + random.nextInt(3) * 5;
        return new LabelRecord(name(), frame, start, Math.max(start, end), labels.get(random.nextInt(labels.size())),
                labels, probabilities, name());
    }

    SegmentRecord segmentRecord() {
        long start = random.nextInt(5) == 0 ? 0 : random.nextLong() >>> 2;
        long end = random.nextInt(5) == 0 ? start : start + random.nextInt(Integer.MAX_VALUE);
        double confidence = switch (random.nextInt(6)) {
            case 0 -> 0.0;
            case 1 -> 1.0;
            case 2 -> Double.MIN_VALUE;
            case 3 -> Math.nextDown(1.0);
            default -> random.nextDouble();
        };
        String label = random.nextBoolean() ? LABEL_WORDS.get(random.nextInt(LABEL_WORDS.size())) : name();
        return new SegmentRecord(name(), start, end, label, confidence);
    }
}
