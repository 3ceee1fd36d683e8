package io.tagstream.app.web;

import java.util.List;

import io.tagstream.app.topology.RecentStreams;
import io.tagstream.app.topology.StreamRing;

/** Event source of the dashboard's list page: event {@code streams} (the list of streams) whenever it changes. */
final class StreamListEvents implements DashboardEvents.EventSource {

    private final RecentStreams recent;
    private final List<String> labels;
    private String lastSent = "";

    StreamListEvents(RecentStreams recent, List<String> labels) {
        this.recent = recent;
        this.labels = labels;
    }

    @Override
    public String next() {
        String list = DashboardJson.streams(recent.all().stream().map(StreamRing::summary).toList(), labels);
        if (list.equals(lastSent)) {
            return "";
        }
        lastSent = list;
        return "event: streams\ndata: " + list + "\n\n";
    }
}
