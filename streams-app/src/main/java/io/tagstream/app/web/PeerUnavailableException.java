package io.tagstream.app.web;

import org.apache.kafka.streams.state.HostInfo;

/** Another instance of the app did not answer a forwarded query, or answered with an error; the message says which. */
final class PeerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param what what the peer did, after "instance HOST:PORT " ("did not answer /streams") */
    PeerUnavailableException(HostInfo peer, String what) {
        super("instance " + peer.host() + ":" + peer.port() + " " + what);
    }
}
