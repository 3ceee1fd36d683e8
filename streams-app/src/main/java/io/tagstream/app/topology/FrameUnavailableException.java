package io.tagstream.app.topology;

/** A frame the dashboard asked about is not held (or not complete) on this instance; the message says why. */
public final class FrameUnavailableException extends RuntimeException {

    public FrameUnavailableException(String message) {
        super(message);
    }
}
