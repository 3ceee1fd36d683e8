package io.tagstream.ingest;

/** Ingest could not deliver a stream to Kafka (unreachable broker, rejected record); the message is one line. */
public final class IngestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
