package io.tagstream.evaluation;

/** Data that cannot be evaluated (missing directory or file, unreadable audio, bad label file); one-line message. */
public final class EvaluationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
