package io.tagstream.app.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** {@link PeerClient} against a real HTTP server on 127.0.0.1 standing in for another instance's REST API. */
class PeerClientTest {

    private HttpServer peer;
    private HostInfo host;
    private final List<String> authorizations = new ArrayList<>();

    @BeforeEach
    void startPeer() throws Exception {
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        peer.createContext("/", e -> {
            authorizations.add(String.valueOf(e.getRequestHeaders().getFirst("Authorization")));
            String path = e.getRequestURI().getPath();
            int status = path.equals("/streams") ? 200 : path.equals("/streams/gone") ? 404 : 500;
            byte[] body = (status == 200 ? "[\"a\",\"b\"]" : "{\"error\":\"x\"}").getBytes(StandardCharsets.UTF_8);
            e.sendResponseHeaders(status, body.length);
            e.getResponseBody().write(body);
            e.close();
        });
        peer.start();
        host = new HostInfo("127.0.0.1", peer.getAddress().getPort());
    }

    @AfterEach
    void stopPeer() {
        peer.stop(0);
    }

    @Test
    void aPeersAnswerIsItsBodyOrNullForNotFound() throws Exception {
        PeerClient client = new PeerClient(new BearerToken("s3cret"));
        assertEquals("[\"a\",\"b\"]", client.get(host, "/streams?local=true"));
        assertNull(client.get(host, "/streams/gone?local=true"));
        assertEquals(List.of("Bearer s3cret", "Bearer s3cret"), authorizations);
    }

    @Test
    void aPeerErrorIsAnErrorNamingThePeer() {
        PeerUnavailableException e = assertThrows(PeerUnavailableException.class,
                () -> new PeerClient(null).get(host, "/streams/broken?local=true"));
        assertEquals("instance " + host.host() + ":" + host.port() + " answered 500 to /streams/broken?local=true",
                e.getMessage());
        assertEquals(List.of("null"), authorizations, "no token, no header");
    }

    @Test
    void aPeerThatDoesNotAnswerIsAnErrorNamingThePeer() {
        peer.stop(0);
        PeerUnavailableException e = assertThrows(PeerUnavailableException.class,
                () -> new PeerClient(null).get(host, "/streams?local=true"));
        assertEquals("instance " + host.host() + ":" + host.port() + " did not answer /streams?local=true"
                + " (ConnectException)", e.getMessage());
    }
}
