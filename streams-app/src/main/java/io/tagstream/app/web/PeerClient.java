package io.tagstream.app.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance of the app over HTTP: the instance that holds a stream's state answers for it (interactive
 * queries). A peer that does not answer, or answers with an error, is an error here too
 * ({@link PeerUnavailableException}), never an empty answer, so a peer's streams cannot silently vanish from a listing.
 */
final class PeerClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final BearerToken token;

    /** @param token the bearer token the peers ask for, or {@code null} for none */
    PeerClient(BearerToken token) {
        this.token = token;
    }

    /**
     * The peer's answer to {@code GET pathAndQuery}: its body for a 200, {@code null} for a 404 (it does not know what
     * was asked for).
     *
     * @throws PeerUnavailableException when the peer does not answer in time or answers with another status
     */
    String get(HostInfo peer, String pathAndQuery) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + peer.host() + ":" + peer.port()
                + pathAndQuery)).timeout(REQUEST_TIMEOUT).GET();
        if (token != null) {
            request.header("Authorization", token.authorization());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PeerUnavailableException(peer, "did not answer " + pathAndQuery + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        return switch (response.statusCode()) {
            case 200 -> response.body();
            case 404 -> null;
            default -> throw new PeerUnavailableException(peer, "answered " + response.statusCode() + " to "
                    + pathAndQuery);
        };
    }
}
