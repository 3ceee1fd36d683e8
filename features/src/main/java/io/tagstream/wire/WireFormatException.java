package io.tagstream.wire;

/**
 * A record on the wire (binary chunk or JSON) is malformed. The message is one line that names the format and the
 * problem, e.g. {@code "PCM chunk: unsupported format version 7 (this build reads version 1)"}; it is what goes into
 * the dead-letter topic's error header. Control characters from hostile input are escaped so the message stays on
 * one line.
 */
public final class WireFormatException extends RuntimeException {

    private static final int MAX_MESSAGE_CHARS = 500;

    public WireFormatException(String message) {
        super(oneLine(message));
    }

    public WireFormatException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        StringBuilder line = new StringBuilder(Math.min(message.length(), MAX_MESSAGE_CHARS) + 16);
        for (int i = 0; i < message.length() && line.length() < MAX_MESSAGE_CHARS; i++) {
            char c = message.charAt(i);
            if (Character.isISOControl(c)) {
                line.append(String.format("\\u%04X", (int) c));
            } else {
                line.append(c);
            }
        }
        if (line.length() >= MAX_MESSAGE_CHARS) {
            line.setLength(MAX_MESSAGE_CHARS);
            line.append("...");
        }
        return line.toString();
    }
}
