package io.tagstream.app.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;

import io.tagstream.app.labeller.FrameAttention;
import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.topology.AttentionWindow;
import io.tagstream.app.topology.FrameUnavailableException;
import io.tagstream.app.topology.RecentStreams;
import io.tagstream.app.topology.RingCursor;
import io.tagstream.app.topology.StreamRing;

/**
 * The live dashboard of this instance: static pages from the jar (plain HTML, JavaScript and canvas; nothing loaded
 * from elsewhere) fed by Server-Sent Events, over the in-memory {@link RecentStreams} of the streams this instance
 * labels.
 *
 * <pre>
 *   GET /                                   page: this instance's streams, live
 *   GET /ui/stream.html?id=ID               page: one stream (spectrogram, labels, probabilities, segments, attention)
 *   GET /events/streams                     SSE: event "streams", the list, whenever it changes
 *   GET /events/streams/{id}                SSE: event "meta" once, then "update" (new frames, labels, segments)
 *   GET /streams/{id}/recent                JSON: one "update" holding everything this instance holds of the stream
 *   GET /streams/{id}/attention[?frame=t]   JSON: attention of frame t (default: the newest labelled frame) in every
 *                                           layer and head; 404 when the frame or its context is not held here
 * </pre>
 */
public final class Dashboard implements AutoCloseable {

    private static final Map<String, String> ASSET_TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "stream.html", "text/html; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "index.js", "text/javascript; charset=utf-8",
            "stream.js", "text/javascript; charset=utf-8");
    private static final Pattern STREAM_RESOURCE = Pattern.compile("/streams/([^/]+)/(recent|attention)");
    private static final Pattern FRAME_QUERY = Pattern.compile("(?:^|&)frame=([^&]*)");

    private final RecentStreams recent;
    private final StreamLabeller labeller;
    private final DashboardEvents events = new DashboardEvents();
    private final Map<String, byte[]> assets = new HashMap<>();

    public Dashboard(RecentStreams recent, StreamLabeller labeller) {
        this.recent = recent;
        this.labeller = labeller;
        ASSET_TYPES.keySet().forEach(name -> assets.put(name, readAsset(name)));
    }

    /**
     * Adds the pages and event streams to {@code server}; {@link #streamResource} is called by the streams API.
     * Returns the contexts it made (to protect with the REST server's token).
     */
    List<HttpContext> register(HttpServer server) {
        return List.of(server.createContext("/", this::index), server.createContext("/ui/", this::asset),
                server.createContext("/events/", this::eventStream));
    }

    /** True for {@code /streams/{id}/recent} and {@code /streams/{id}/attention}. */
    static boolean isStreamResource(String rawPath) {
        return STREAM_RESOURCE.matcher(rawPath).matches();
    }

    /** Answers {@code /streams/{id}/recent} or {@code /streams/{id}/attention}. */
    void streamResource(HttpExchange e) throws IOException {
        Matcher m = STREAM_RESOURCE.matcher(e.getRequestURI().getRawPath());
        if (!m.matches()) {
            RestServer.send(e, 404, "application/json", DashboardJson.error("no such resource"));
            return;
        }
        String streamId = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        StreamRing ring = recent.ring(streamId);
        if (ring == null) {
            RestServer.send(e, 404, "application/json", DashboardJson.error("stream '" + streamId
                    + "' is not labelled on this instance (the dashboard shows the streams of the instance it runs in)"));
        } else if (m.group(2).equals("recent")) {
            RestServer.send(e, 200, "application/json", DashboardJson.update(ring.since(RingCursor.start(-1))));
        } else {
            attention(e, ring, e.getRequestURI().getRawQuery());
        }
    }

    private void attention(HttpExchange e, StreamRing ring, String rawQuery) throws IOException {
        Matcher param = FRAME_QUERY.matcher(rawQuery == null ? "" : rawQuery);
        long frame;
        if (param.find()) {
            String value = URLDecoder.decode(param.group(1), StandardCharsets.UTF_8);
            if (!value.matches("\\d{1,18}")) {
                RestServer.send(e, 400, "application/json",
                        DashboardJson.error("frame must be a frame index (0 or more), got '" + value + "'"));
                return;
            }
            frame = Long.parseLong(value);
        } else {
            frame = ring.latestLabelledFrame();
        }
        try {
            if (frame < 0) {
                throw new FrameUnavailableException("stream '" + ring.streamId() + "' has no labelled frame yet");
            }
            int after = labeller.lookaheadFrames();
            AttentionWindow window = ring.window(frame, labeller.contextFrames() - after, after);
            FrameAttention attention = labeller.attention(window.frames(), window.query());
            RestServer.send(e, 200, "application/json", DashboardJson.attention(ring.streamId(), frame, window,
                    attention));
        } catch (FrameUnavailableException ex) {
            RestServer.send(e, 404, "application/json", DashboardJson.error(ex.getMessage()));
        } catch (UnsupportedOperationException ex) {
            RestServer.send(e, 501, "application/json", DashboardJson.error(ex.getMessage()));
        }
    }

    private void index(HttpExchange e) throws IOException {
        String path = e.getRequestURI().getRawPath();
        if (path.equals("/") || path.equals("/index.html")) {
            RestServer.send(e, 200, ASSET_TYPES.get("index.html"), assets.get("index.html"));
        } else {
            RestServer.send(e, 404, "application/json", DashboardJson.error("no such page: " + path));
        }
    }

    private void asset(HttpExchange e) throws IOException {
        String name = e.getRequestURI().getRawPath().substring("/ui/".length());
        byte[] body = assets.get(name);
        if (body == null) {
            RestServer.send(e, 404, "application/json", DashboardJson.error("no such page: /ui/" + name));
        } else {
            RestServer.send(e, 200, ASSET_TYPES.get(name), body);
        }
    }

    private void eventStream(HttpExchange e) throws IOException {
        String path = e.getRequestURI().getRawPath();
        DashboardEvents.EventSource source;
        if (path.equals("/events/streams")) {
            source = new StreamListEvents(recent, labeller.labels());
        } else if (path.startsWith("/events/streams/") && path.length() > "/events/streams/".length()) {
            String streamId = URLDecoder.decode(path.substring("/events/streams/".length()), StandardCharsets.UTF_8);
            source = new StreamEvents(streamId, recent, labeller);
        } else {
            RestServer.send(e, 404, "application/json", DashboardJson.error("no such event stream: " + path));
            return;
        }
        if (!events.open(e, source)) {
            RestServer.send(e, 503, "application/json", DashboardJson.error("the dashboard serves at most "
                    + DashboardEvents.MAX_CLIENTS + " live pages at once; close one and retry"));
        }
    }

    /** Event streams open now. */
    int eventClients() {
        return events.clientCount();
    }

    /** Ends every event stream (browsers see the stream close). */
    @Override
    public void close() {
        events.close();
    }

    private static byte[] readAsset(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the dashboard file io/tagstream/app/web/dashboard/"
                        + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard file " + name, e);
        }
    }
}
