package io.tagstream.app.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.tagstream.app.labeller.FrameAttention;
import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.topology.AttentionWindow;
import io.tagstream.app.topology.RingDelta;
import io.tagstream.app.topology.StreamSummary;
import io.tagstream.features.FeatureSpec;
import io.tagstream.labels.Segmenter;
import io.tagstream.wire.LabelJson;
import io.tagstream.wire.SegmentRecord;

/**
 * The dashboard's JSON documents (served by the REST endpoints and as Server-Sent Event data). Feature values are
 * rounded to 0.01 and probabilities to 1e-4 (they are drawn, not computed with); attention weights are exact floats.
 * Segments use the {@code tagstream.segments} wire format.
 */
final class DashboardJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private DashboardJson() {
    }

    /** What a stream page needs once: the model, its labels, the features and the history length. */
    static String meta(StreamLabeller labeller, int historyFrames) {
        return write(json -> {
            FeatureSpec spec = labeller.featureSpec();
            json.writeStartObject();
            json.writeStringField("model", labeller.modelId());
            writeStrings(json, "labels", labeller.labels());
            json.writeObjectFieldStart("features");
            json.writeStringField("kind", spec.kind().name());
            json.writeNumberField("dims", spec.dims());
            json.writeNumberField("hop_ms", spec.hopMillis());
            json.writeEndObject();
            json.writeNumberField("context_frames", labeller.contextFrames());
            json.writeNumberField("lookahead_frames", labeller.lookaheadFrames());
            json.writeNumberField("history_frames", historyFrames);
            json.writeEndObject();
        });
    }

    /** New frames ({@code [index, [features]]}), labels ({@code [index, [probabilities]]}) and segments. */
    static String update(RingDelta delta) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("stream", delta.streamId());
            json.writeNumberField("epoch", delta.epoch());
            json.writeBooleanField("reset", delta.reset());
            json.writeArrayFieldStart("frames");
            for (int i = 0; i < delta.frames().length; i++) {
                writeIndexed(json, delta.frames()[i], delta.features()[i], 100);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("labels");
            for (RingDelta.Label label : delta.labels()) {
                writeIndexed(json, label.frame(), label.probabilities(), 10_000);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("segments");
            for (SegmentRecord segment : delta.segments()) {
                json.writeRawValue(new String(LabelJson.encode(segment), StandardCharsets.UTF_8));
            }
            json.writeEndArray();
            json.writeBooleanField("ended", delta.ended());
            json.writeEndObject();
        });
    }

    /** The list of streams: id, frames, newest label and its probability, ended flag. */
    static String streams(List<StreamSummary> streams, List<String> labels) {
        return write(json -> {
            json.writeStartArray();
            for (StreamSummary s : streams) {
                json.writeStartObject();
                json.writeStringField("stream", s.streamId());
                json.writeNumberField("frames", s.frames());
                json.writeNumberField("frame", s.latestFrame());
                if (s.probabilities() != null) {
                    int best = Segmenter.argmax(s.probabilities());
                    json.writeStringField("label", labels.get(best));
                    json.writeNumberField("label_index", best);
                    json.writeNumberField("confidence", round(s.probabilities()[best], 10_000));
                } else {
                    json.writeNullField("label");
                    json.writeNullField("label_index");
                    json.writeNullField("confidence");
                }
                json.writeBooleanField("ended", s.ended());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /** A frame's attention: {@code weights[layer][head][offset + left]}. */
    static String attention(String streamId, long frame, AttentionWindow window, FrameAttention attention) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("stream", streamId);
            json.writeNumberField("frame", frame);
            json.writeNumberField("left", attention.left());
            json.writeNumberField("right", attention.right());
            json.writeNumberField("layers", attention.layers().size());
            json.writeNumberField("heads", attention.layers().isEmpty() ? 0 : attention.layers().get(0).length);
            json.writeObjectFieldStart("window");
            json.writeNumberField("first_frame", window.firstFrame());
            json.writeNumberField("frames", window.frames().length);
            json.writeNumberField("query_row", window.query());
            json.writeEndObject();
            json.writeArrayFieldStart("weights");
            for (float[][] layer : attention.layers()) {
                json.writeStartArray();
                for (float[] head : layer) {
                    json.writeStartArray();
                    for (float w : head) {
                        json.writeNumber(w); // the float's shortest decimal: parses back to the same float
                    }
                    json.writeEndArray();
                }
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** {@code {"error": message}}. */
    static String error(String message) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("error", message);
            json.writeEndObject();
        });
    }

    private static void writeIndexed(JsonGenerator json, long index, float[] values, int scale) throws IOException {
        json.writeStartArray();
        json.writeNumber(index);
        json.writeStartArray();
        for (float v : values) {
            json.writeNumber(round(v, scale));
        }
        json.writeEndArray();
        json.writeEndArray();
    }

    private static void writeStrings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    private static double round(float value, int scale) {
        return Math.round(value * (double) scale) / (double) scale;
    }

    private interface JsonWriting {
        void write(JsonGenerator json) throws IOException;
    }

    private static String write(JsonWriting body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toString();
    }
}
