package io.tagstream.corpus;

/** A corpus cannot be made: a tool failed, a source is unreadable, the output is not writable. One-line message. */
public class CorpusException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CorpusException(String message) {
        super(oneLine(message));
    }

    public CorpusException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    static String oneLine(String text) {
        return String.valueOf(text).replaceAll("[\\r\\n]+", " ").strip();
    }
}
