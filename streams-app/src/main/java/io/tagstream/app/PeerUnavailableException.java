package io.tagstream.app;

/** Another instance of the app did not answer a forwarded query, or answered with an error; the message says which. */
final class PeerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PeerUnavailableException(String message) {
        super(message);
    }
}
