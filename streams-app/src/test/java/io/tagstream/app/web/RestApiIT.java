package io.tagstream.app.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagstream.app.PipelineHarness;
import io.tagstream.app.TagstreamApp;
import io.tagstream.app.TestBroker;
import io.tagstream.app.config.AppConfig;
import io.tagstream.app.labeller.GatedLabeller;
import io.tagstream.app.labeller.TestEncoders;
import io.tagstream.features.FeatureSpec;
import io.tagstream.kafka.TopicsConfig;

/**
 * The REST API of a running app against a real broker: {@code /health} reports a stream thread that makes no
 * progress (a model call that hangs) and recovers when it moves again; with {@code http.auth.token} and bound off
 * loopback (0.0.0.0; the test talks to it over 127.0.0.1), every endpoint but {@code /health} asks for the token.
 */
class RestApiIT {

    private static final FeatureSpec SPEC = FeatureSpec.DEFAULT;
    private static final String TOKEN = "s3cret-token-of-the-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestBroker broker = new TestBroker();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void healthReportsAStreamThreadThatMakesNoProgressAndItsRecovery() throws Exception {
        TopicsConfig topics = PipelineHarness.topics("stall");
        PipelineHarness.createTopics(broker.bootstrapServers(), topics);
        GatedLabeller labeller = new GatedLabeller(TestEncoders.labeller(5));
        AppConfig config = PipelineHarness.config(broker.bootstrapServers(), "stall", topics, work.resolve("s"),
                Map.of("health.stall.timeout.ms", "2000"));
        try (TagstreamApp app = new TagstreamApp(config, labeller)) {
            app.start();
            assertTrue(app.awaitRunning(Duration.ofSeconds(60)));
            String health = "http://" + app.restAddress() + "/health";
            assertEquals(200, get(health, null).statusCode(), "healthy while idle: an idle thread still polls");

            labeller.close();
            PipelineHarness.replay(broker.bootstrapServers(), topics, "s", PipelineHarness.recording(1, 1, SPEC),
                    SPEC);
            assertTrue(labeller.awaitBlocked(60), "a model call hangs");
            HttpResponse<String> stuck = awaitStatus(health, 503, Duration.ofSeconds(30));
            JsonNode body = JSON.readTree(stuck.body());
            assertEquals("RUNNING", body.get("state").asText(), "Kafka Streams itself still says RUNNING");
            assertTrue(body.get("problems").get(0).asText().matches("stream thread StreamThread-1 has not polled"
                    + " Kafka for \\d+ s"), body.toString());

            labeller.open();
            awaitStatus(health, 200, Duration.ofSeconds(30));
        }
    }

    @Test
    void aTokenGuardsEveryEndpointButHealth() throws Exception {
        TopicsConfig topics = PipelineHarness.topics("token");
        PipelineHarness.createTopics(broker.bootstrapServers(), topics);
        AppConfig config = PipelineHarness.config(broker.bootstrapServers(), "token", topics, work.resolve("t"),
                Map.of("http.host", "0.0.0.0", "http.auth.token", TOKEN));
        try (TagstreamApp app = new TagstreamApp(config, TestEncoders.labeller(5))) {
            app.start();
            assertTrue(app.awaitRunning(Duration.ofSeconds(60)));
            String base = "http://127.0.0.1:" + app.restAddress().substring(app.restAddress().lastIndexOf(':') + 1);
            assertEquals(200, get(base + "/health", null).statusCode(), "/health needs no token");
            for (String path : new String[] {"/ready", "/metrics", "/streams", "/streams/x", "/", "/ui/stream.html",
                "/events/streams"}) {
                HttpResponse<String> refused = get(base + path, null);
                assertEquals(401, refused.statusCode(), path + " without a token");
                assertEquals("Bearer realm=\"tagstream\"", refused.headers().firstValue("WWW-Authenticate")
                        .orElse(""), path);
                assertEquals(401, get(base + path, "Bearer wrong-token-wrong-token").statusCode(), path);
            }
            assertEquals(200, get(base + "/streams", "Bearer " + TOKEN).statusCode());
            assertEquals(200, get(base + "/metrics", "Bearer " + TOKEN).statusCode());

            HttpResponse<String> page = get(base + "/?token=" + TOKEN, null);
            assertEquals(200, page.statusCode(), "a browser opens the dashboard with ?token=");
            String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.startsWith(BearerToken.COOKIE + "=" + TOKEN + ";") && cookie.contains("HttpOnly"),
                    cookie);
            HttpResponse<String> withCookie = http.send(HttpRequest.newBuilder(URI.create(base + "/streams"))
                    .header("Cookie", BearerToken.COOKIE + "=" + TOKEN).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, withCookie.statusCode(), "and its page's own requests carry the cookie");
        }
    }

    private HttpResponse<String> awaitStatus(String url, int status, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = get(url, null);
        while (last.statusCode() != status && System.nanoTime() < end) {
            Thread.sleep(200);
            last = get(url, null);
        }
        assertEquals(status, last.statusCode(), url + " -> " + last.body());
        return last;
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
