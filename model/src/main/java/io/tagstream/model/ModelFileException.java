package io.tagstream.model;

import java.nio.file.Path;

/** A model file that cannot be read or written; the message is one line, {@code "<file name>: <problem>"}. */
public final class ModelFileException extends Exception {

    public ModelFileException(Path file, String problem) {
        super(name(file) + ": " + oneLine(problem));
    }

    public ModelFileException(Path file, String problem, Throwable cause) {
        super(name(file) + ": " + oneLine(problem), cause);
    }

    private static String name(Path file) {
        Path name = file == null ? null : file.getFileName();
        return name == null ? String.valueOf(file) : name.toString();
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
