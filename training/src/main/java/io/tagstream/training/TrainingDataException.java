package io.tagstream.training;

/** A corpus that cannot be trained on (missing directory or file, unreadable audio, bad labels); one-line message. */
public final class TrainingDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingDataException(String message) {
        super(message);
    }

    public TrainingDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
