package io.tagstream.wire;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of valid records for the decoder fuzz tests: bit flips, byte replacements (random and
 * boundary values), 32-bit boundary values over any field, truncations, deletions, duplications, random-byte
 * insertions, insertion of whole valid records, and plain random bytes. Output size is bounded.
 */
final class ByteMutator {

    private static final byte[] INTERESTING_BYTES = {0, 1, 2, 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF, 0x20, 0x0A};
    private static final int[] INTERESTING_INTS = {0, 1, -1, 2, 255, 256, 65_536, Integer.MAX_VALUE,
        Integer.MIN_VALUE, 100_000, 100_001, 3_840_000, 3_840_001, 384_000, 384_001, 999, 512, 513, 4096};
    private static final int MAX_LENGTH = 1 << 16;

    private final Random random;
    private final List<byte[]> validRecords;

    ByteMutator(Random random, List<byte[]> validRecords) {
        this.random = random;
        this.validRecords = validRecords;
    }

    /** A valid record with 1..3 stacked mutations, or (1 in 20) plain random bytes. */
    byte[] next() {
        if (random.nextInt(20) == 0) {
            byte[] noise = new byte[random.nextInt(120)];
            random.nextBytes(noise);
            return noise;
        }
        byte[] input = validRecords.get(random.nextInt(validRecords.size()));
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            input = mutate(input);
        }
        return input;
    }

    byte[] mutate(byte[] input) {
        if (input.length == 0) {
            return validRecords.get(random.nextInt(validRecords.size())).clone();
        }
        byte[] out = input.clone();
        int at = random.nextInt(out.length);
        switch (random.nextInt(10)) {
            case 0, 1 -> out[at] ^= (byte) (1 << random.nextInt(8));
            case 2 -> out[at] = (byte) random.nextInt();
            case 3 -> out[at] = INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
            case 4 -> putIntLittleEndian(out, at, INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)]
                    + random.nextInt(3) - 1);
            case 5 -> out = Arrays.copyOf(out, random.nextInt(out.length));
            case 6 -> out = splice(out, at, randomBytes(1 + random.nextInt(8)), 0);
            case 7 -> out = splice(out, at, new byte[0], 1 + random.nextInt(Math.min(16, out.length - at)));
            case 8 -> out = splice(out, at, Arrays.copyOfRange(out, at, Math.min(out.length, at + 1 + random.nextInt(16))), 0);
            default -> out = splice(out, random.nextBoolean() ? out.length : at,
                    validRecords.get(random.nextInt(validRecords.size())), 0);
        }
        return out.length > MAX_LENGTH ? Arrays.copyOf(out, MAX_LENGTH) : out;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** {@code in} with {@code remove} bytes at {@code at} replaced by {@code insert}. */
    private static byte[] splice(byte[] in, int at, byte[] insert, int remove) {
        byte[] out = new byte[in.length - remove + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
        return out;
    }

    private static void putIntLittleEndian(byte[] bytes, int at, int value) {
        for (int i = 0; i < 4 && at + i < bytes.length; i++) {
            bytes[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
