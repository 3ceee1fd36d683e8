package io.tagstream.app.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.streams.state.KeyValueStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tagstream.wire.LabelJson;
import io.tagstream.wire.LabelRecord;
import io.tagstream.wire.SegmentRecord;

/**
 * The queryable view of each stream: its latest label, its most recent closed segments and whether it has ended,
 * kept as one JSON document per stream in a changelogged key-value store (interactive queries read it, on this
 * instance or, through {@code application.server}, on the one that owns the stream). The views of the streams
 * updated most recently are also kept parsed, up to {@value #CACHED_VIEWS}: this processor is the store's only writer
 * while its task lives, and an update then needs no read and parse of the stored view (a profile of the pipeline at
 * max speed found that read 6 % of the stream threads' time). A new processor (a task that moved and came back)
 * starts with none.
 */
final class LatestLabels {

    /** Closed segments kept per stream for the REST view. */
    static final int RECENT_SEGMENTS = 50;
    /** Parsed views kept per task, the most recently updated. */
    static final int CACHED_VIEWS = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyValueStore<String, ObjectNode> store;
    private final Map<String, ObjectNode> views = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> eldest) {
            return size() > CACHED_VIEWS;
        }
    };

    LatestLabels(KeyValueStore<String, ObjectNode> store) {
        this.store = store;
    }

    /** The stream's newest label, as its record's JSON ({@link LabelJson#encode(LabelRecord)}). */
    void label(String streamId, byte[] labelJson) {
        ObjectNode view = viewOf(streamId);
        view.set("label", parse(labelJson));
        view.put("ended", false);
        put(streamId, view);
    }

    void segment(String streamId, SegmentRecord segment) {
        ObjectNode view = viewOf(streamId);
        ArrayNode segments = view.withArray("segments");
        segments.add(parse(LabelJson.encode(segment)));
        while (segments.size() > RECENT_SEGMENTS) {
            segments.remove(0);
        }
        put(streamId, view);
    }

    void ended(String streamId) {
        ObjectNode view = viewOf(streamId);
        view.put("ended", true);
        store.put(streamId, view);
        views.remove(streamId); // an ended stream is rarely updated again
    }

    private void put(String streamId, ObjectNode view) {
        store.put(streamId, view);
        views.put(streamId, view);
    }

    private ObjectNode viewOf(String streamId) {
        ObjectNode cached = views.get(streamId);
        if (cached != null) {
            return cached;
        }
        ObjectNode stored = store.get(streamId);
        if (stored == null) {
            ObjectNode view = JSON.createObjectNode();
            view.put("stream", streamId);
            view.putArray("segments");
            view.put("ended", false);
            return view;
        }
        return stored;
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
