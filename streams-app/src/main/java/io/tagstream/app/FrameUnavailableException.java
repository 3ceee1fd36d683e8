package io.tagstream.app;

/** A frame the dashboard asked about is not held (or not complete) on this instance; the message says why. */
final class FrameUnavailableException extends RuntimeException {

    FrameUnavailableException(String message) {
        super(message);
    }
}
