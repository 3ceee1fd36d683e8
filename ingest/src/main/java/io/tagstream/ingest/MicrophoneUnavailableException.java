package io.tagstream.ingest;

/** No capture device can record at the pipeline format (or it is busy); the message is one line for the user. */
public final class MicrophoneUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public MicrophoneUnavailableException(String message) {
        super(message);
    }

    public MicrophoneUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
