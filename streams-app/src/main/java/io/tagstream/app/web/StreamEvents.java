package io.tagstream.app.web;

import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.topology.RecentStreams;
import io.tagstream.app.topology.RingCursor;
import io.tagstream.app.topology.RingDelta;
import io.tagstream.app.topology.StreamRing;

/**
 * Event source of one stream's dashboard page: event {@code meta} (model, labels, features) first, then
 * {@code update} with the frames, labels and segments added since the last one ({@code "reset": true} when the
 * client must start over), and {@code missing} while this instance holds no history of the stream.
 */
final class StreamEvents implements DashboardEvents.EventSource {

    private final String streamId;
    private final RecentStreams recent;
    private final String meta;
    private RingCursor cursor = RingCursor.start(-1);
    private boolean metaSent;
    private boolean missingSent;
    private boolean endedSent;

    StreamEvents(String streamId, RecentStreams recent, StreamLabeller labeller) {
        this.streamId = streamId;
        this.recent = recent;
        this.meta = DashboardJson.meta(labeller, recent.framesPerStream());
    }

    @Override
    public String next() {
        StringBuilder events = new StringBuilder();
        if (!metaSent) {
            events.append(event("meta", meta));
            metaSent = true;
        }
        StreamRing ring = recent.ring(streamId);
        if (ring == null) {
            if (!missingSent) {
                events.append(event("missing", DashboardJson.error("stream '" + streamId
                        + "' is not labelled on this instance (yet)")));
                missingSent = true;
                cursor = RingCursor.start(-1);
            }
            return events.toString();
        }
        missingSent = false;
        RingDelta delta = ring.since(cursor);
        cursor = delta.next();
        if (!delta.isEmpty() || delta.ended() != endedSent) {
            events.append(event("update", DashboardJson.update(delta)));
            endedSent = delta.ended();
        }
        return events.toString();
    }

    private static String event(String name, String json) {
        return "event: " + name + "\ndata: " + json + "\n\n";
    }
}
