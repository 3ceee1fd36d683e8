package io.tagstream.wire;

/**
 * A closed segment of one label, as published on {@code tagstream.segments}. JSON form: {@link LabelJson}.
 *
 * @param stream     stream id, see {@link WireName}
 * @param startMs    start of the segment, ms, {@code >= 0}
 * @param endMs      end of the segment (exclusive), ms, {@code >= startMs}
 * @param label      the segment's label, see {@link WireName}
 * @param confidence how sure the labeler is of the segment, finite, in [0, 1]; -0.0 is stored as 0.0
 */
public record SegmentRecord(String stream, long startMs, long endMs, String label, double confidence) {

    public SegmentRecord {
        WireName.require("stream", stream);
        require(startMs >= 0, "start_ms must be >= 0, got " + startMs);
        require(endMs >= startMs, "end_ms " + endMs + " is before start_ms " + startMs);
        WireName.require("label", label);
        require(confidence >= 0.0 && confidence <= 1.0, "confidence is " + confidence + ", not in [0, 1]");
        confidence += 0.0; // -0.0 becomes 0.0: one zero, so equal records give equal JSON
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
