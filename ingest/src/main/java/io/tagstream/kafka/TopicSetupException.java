package io.tagstream.kafka;

/** A topic could not be created or exists with too few partitions; the message names the topic. */
public final class TopicSetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TopicSetupException(String message) {
        super(message);
    }

    public TopicSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
