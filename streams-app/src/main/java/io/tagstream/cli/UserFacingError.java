package io.tagstream.cli;

/**
 * A failure caused by what the user gave us (a file, a flag, a model): printed as one line, exit code
 * {@link TagstreamCommand#EXIT_BAD_INPUT}, never a stack trace.
 */
public final class UserFacingError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserFacingError(String message) {
        super(message);
    }

    public UserFacingError(String message, Throwable cause) {
        super(message, cause);
    }

    /** One line for any exception: its message (first line), or its type when it has none. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * Bad-input exit code for exceptions that carry a user-facing problem, the Kafka exit code when the cluster
     * cannot be reached or refuses the topics, 1 for anything else.
     */
    static int exitCodeFor(Exception e) {
        if (e instanceof io.tagstream.kafka.TopicSetupException || e instanceof io.tagstream.ingest.IngestException) {
            return TagstreamCommand.EXIT_KAFKA;
        }
        return e instanceof IllegalArgumentException || e instanceof java.io.IOException
                ? TagstreamCommand.EXIT_BAD_INPUT
                : 1;
    }
}
