package io.tagstream.app.topology;

import java.io.IOException;
import java.io.UncheckedIOException;

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
 * instance or, through {@code application.server}, on the one that owns the stream).
 */
final class LatestLabels {

    /** Closed segments kept per stream for the REST view. */
    static final int RECENT_SEGMENTS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyValueStore<String, ObjectNode> store;

    LatestLabels(KeyValueStore<String, ObjectNode> store) {
        this.store = store;
    }

    /** The stream's newest label, as its record's JSON ({@link LabelJson#encode(LabelRecord)}). */
    void label(String streamId, byte[] labelJson) {
        ObjectNode view = viewOf(streamId);
        view.set("label", parse(labelJson));
        view.put("ended", false);
        store.put(streamId, view);
    }

    void segment(String streamId, SegmentRecord segment) {
        ObjectNode view = viewOf(streamId);
        ArrayNode segments = view.withArray("segments");
        segments.add(parse(LabelJson.encode(segment)));
        while (segments.size() > RECENT_SEGMENTS) {
            segments.remove(0);
        }
        store.put(streamId, view);
    }

    void ended(String streamId) {
        ObjectNode view = viewOf(streamId);
        view.put("ended", true);
        store.put(streamId, view);
    }

    private ObjectNode viewOf(String streamId) {
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
