package io.tagstream.features;

/**
 * An audio file that cannot be decoded. The message is one line, {@code "<file name>: <problem>"}, fit to show a user
 * as is (for example {@code "x.wav: truncated: data chunk declares 320000 bytes, file has 1200"}).
 */
public final class AudioFileException extends Exception {

    private final String fileName;
    private final String problem;

    /** @param fileName the file's name as the user knows it; @param problem what is wrong, one line */
    public AudioFileException(String fileName, String problem) {
        this(fileName, problem, null);
    }

    /** As {@link #AudioFileException(String, String)}, keeping the I/O error that caused it for logs. */
    public AudioFileException(String fileName, String problem, Throwable cause) {
        super(oneLine(fileName) + ": " + oneLine(problem), cause);
        this.fileName = oneLine(fileName);
        this.problem = oneLine(problem);
    }

    /** The file's name, as it appears at the start of the message. */
    public String fileName() {
        return fileName;
    }

    /** The problem, without the file name. */
    public String problem() {
        return problem;
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("[\\r\\n]+", " ").strip();
    }
}
