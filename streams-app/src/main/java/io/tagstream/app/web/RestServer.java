package io.tagstream.app.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executors;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.app.metrics.StreamThreadHealth;
import io.tagstream.app.topology.TopologyNames;

/**
 * The app's HTTP API (JDK HttpServer: no extra dependency), bound to 127.0.0.1 unless configured otherwise.
 *
 * <pre>
 *   GET /health             200 while the app is alive (running or rebalancing) and its threads make progress
 *   GET /ready              200 once it is running, 503 before
 *   GET /metrics            Prometheus text format
 *   GET /streams            JSON array of the stream ids known to any instance
 *   GET /streams/{id}       JSON: latest label, recent segments, ended flag (asks the owning instance)
 *   GET /, /ui/..., /events/..., /streams/{id}/recent, /streams/{id}/attention: the live dashboard ({@link Dashboard})
 * </pre>
 * Interactive queries: each instance answers for the streams whose state it holds, and forwards a request for another
 * stream to the instance that owns it (found through {@code application.server}). An instance that does not answer,
 * or answers with an error, makes the request a 503 whose error names it (never a list without its streams).
 */
public final class RestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private volatile KafkaStreams streams;
    private final PipelineMetrics metrics;
    private final Dashboard dashboard;
    private final StreamThreadHealth health;
    private final BearerToken token;
    private final PeerClient peers;

    /**
     * Binds the port now (0 = any free port), so the address can be advertised before Kafka Streams starts.
     *
     * @param authToken the bearer token every endpoint but /health asks for ("" = none)
     */
    public RestServer(String host, int port, String authToken, StreamThreadHealth health, PipelineMetrics metrics,
            Dashboard dashboard) throws IOException {
        this.metrics = metrics;
        this.dashboard = dashboard;
        this.health = health;
        this.token = authToken.isEmpty() ? null : new BearerToken(authToken);
        this.peers = new PeerClient(token);
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.createContext("/health", this::health);
        List<HttpContext> protectedContexts = new ArrayList<>(List.of(
                server.createContext("/ready", this::ready),
                server.createContext("/metrics", e -> send(e, 200, "text/plain; version=0.0.4", metrics.scrape())),
                server.createContext("/streams", this::streamsEndpoint)));
        protectedContexts.addAll(dashboard.register(server));
        if (token != null) {
            protectedContexts.forEach(c -> c.setAuthenticator(token));
        } else if (!server.getAddress().getAddress().isLoopbackAddress()) {
            LOG.warn("the REST API and dashboard listen on {} with no http.auth.token: anyone who reaches that"
                    + " address can read every stream", address());
        }
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "tagstream-http");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Starts answering requests about {@code app}. */
    public void serve(KafkaStreams app) {
        this.streams = app;
        server.start();
    }

    /** "host:port" actually bound (port 0 resolves to a free port). */
    public String address() {
        InetSocketAddress a = server.getAddress();
        return a.getHostString() + ":" + a.getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void health(HttpExchange e) throws IOException {
        KafkaStreams.State state = streams.state();
        List<String> problems = health.problems(streams.metrics());
        boolean alive = (state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED) && problems.isEmpty();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state.toString());
        if (!problems.isEmpty()) {
            body.put("problems", problems);
        }
        send(e, alive ? 200 : 503, "application/json", JSON.writeValueAsString(body));
    }

    private void ready(HttpExchange e) throws IOException {
        KafkaStreams.State state = streams.state();
        send(e, state == KafkaStreams.State.RUNNING ? 200 : 503, "application/json", "{\"state\":\"" + state + "\"}");
    }

    private void streamsEndpoint(HttpExchange e) throws IOException {
        String path = e.getRequestURI().getRawPath();
        boolean localOnly = "local=true".equals(e.getRequestURI().getRawQuery());
        if (Dashboard.isStreamResource(path)) {
            dashboard.streamResource(e);
            return;
        }
        try {
            if (path.equals("/streams") || path.equals("/streams/")) {
                send(e, 200, "application/json", localOnly ? json(localStreamIds()) : json(allStreamIds()));
                return;
            }
            String id = URLDecoder.decode(path.substring("/streams/".length()), StandardCharsets.UTF_8);
            String view = localOnly ? localView(id) : view(id);
            if (view == null) {
                send(e, 404, "application/json", "{\"error\":\"no such stream\"}");
            } else {
                send(e, 200, "application/json", view);
            }
        } catch (PeerUnavailableException ex) {
            send(e, 503, "application/json", json(Map.of("error", ex.getMessage() + "; retry")));
        } catch (RuntimeException | InterruptedException ex) {
            send(e, 503, "application/json", "{\"error\":\"state not queryable now (" + ex.getClass().getSimpleName()
                    + "), retry\"}");
        }
    }

    private ReadOnlyKeyValueStore<String, ObjectNode> localStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(TopologyNames.LATEST_STORE,
                QueryableStoreTypes.<String, ObjectNode>keyValueStore()));
    }

    private List<String> localStreamIds() {
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<String, ObjectNode> it = localStore().all()) {
            it.forEachRemaining(kv -> ids.add(kv.key));
        }
        return ids;
    }

    private List<String> allStreamIds() throws InterruptedException {
        TreeSet<String> ids = new TreeSet<>(localStreamIds());
        for (StreamsMetadata other : streams.streamsMetadataForStore(TopologyNames.LATEST_STORE)) {
            if (!other.hostInfo().equals(self())) {
                String body = peers.get(other.hostInfo(), "/streams?local=true");
                if (body == null) {
                    throw new PeerUnavailableException(other.hostInfo(), "answered 404 to /streams");
                }
                ids.addAll(parseArray(body, other.hostInfo()));
            }
        }
        return new ArrayList<>(ids);
    }

    private String view(String id) throws InterruptedException {
        KeyQueryMetadata owner = streams.queryMetadataForKey(TopologyNames.LATEST_STORE, id, new StringSerializer());
        if (owner == null || owner.activeHost().equals(self()) || owner.activeHost().port() < 0) {
            return localView(id);
        }
        return peers.get(owner.activeHost(), "/streams/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "?local=true");
    }

    private String localView(String id) {
        ObjectNode view = localStore().get(id);
        return view == null ? null : json(view);
    }

    private HostInfo self() {
        InetSocketAddress a = server.getAddress();
        return new HostInfo(a.getHostString(), a.getPort());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> parseArray(String json, HostInfo peer) {
        try {
            List<String> ids = new ArrayList<>();
            JSON.readTree(json).forEach(n -> ids.add(n.asText()));
            return ids;
        } catch (IOException e) {
            throw new PeerUnavailableException(peer, "answered /streams with no JSON array");
        }
    }

    static void send(HttpExchange e, int status, String type, String body) throws IOException {
        send(e, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange e, int status, String type, byte[] bytes) throws IOException {
        e.getResponseHeaders().set("Content-Type", type);
        e.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        dashboard.close();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
