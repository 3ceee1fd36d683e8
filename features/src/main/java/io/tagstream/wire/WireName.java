package io.tagstream.wire;

import java.nio.charset.StandardCharsets;

/**
 * The rule for every short name that travels on the wire: stream ids (also the Kafka key), label names and model
 * ids. A valid name is 1..{@value #MAX_UTF8_BYTES} bytes in UTF-8, well-formed UTF-16 (no unpaired surrogate) and
 * free of control characters (C0, DEL, C1). Such a name encodes to UTF-8 and back without loss, so the binary and
 * JSON formats round-trip byte for byte.
 */
public final class WireName {

    /** Longest name in UTF-8 bytes; the binary formats store the length in one unsigned byte. */
    public static final int MAX_UTF8_BYTES = 255;

    private static final int QUOTE_MAX_CHARS = 64;

    private WireName() {
    }

    /**
     * Checks {@code value} against the name rule.
     *
     * @param what  what the name is, for the message ("stream id", "label", ...)
     * @return {@code value}
     * @throws IllegalArgumentException naming {@code what} and the problem
     */
    public static String require(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        int utf8Bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(String.format(
                        "%s %s contains control character U+%04X at index %d", what, quote(value), (int) c, i));
            }
            boolean pairStart = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pairStart) {
                utf8Bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " contains an unpaired surrogate at index " + i);
            } else {
                utf8Bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
        }
        if (utf8Bytes > MAX_UTF8_BYTES) {
            throw new IllegalArgumentException(what + " is " + utf8Bytes + " bytes in UTF-8, at most "
                    + MAX_UTF8_BYTES + " allowed");
        }
        return value;
    }

    /** The UTF-8 bytes of a name that passed {@link #require}. */
    static byte[] utf8(String validName) {
        return validName.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code value} in single quotes for an error message, shortened, with control characters escaped. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("'");
        int end = Math.min(value.length(), QUOTE_MAX_CHARS);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            quoted.append(Character.isISOControl(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return quoted.append(value.length() > end ? "...'" : "'").toString();
    }
}
