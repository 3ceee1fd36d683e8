package io.tagstream.app.bench;

import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.app.metrics.PipelineMetrics.TimedStage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a max-speed run's time went, in microseconds of stream-thread time per frame labelled: the processors' timed
 * stages ({@link TimedStage}), the commits (Kafka Streams' estimate), and the rest of the threads' time from the
 * first label to the last ({@code other}: polling, (de)serialisation, forwarding feature records, Kafka Streams' own
 * work, idle). The stage counters also hold the time before the first label (restore, the first records), so the
 * sum may exceed the threads' time, and {@code other} is then 0: the stages are shares of a steady run, not exact.
 *
 * @param microsPerFrame stage name to microseconds per frame, in pipeline order, {@code other} last
 */
record StageBreakdown(Map<String, Double> microsPerFrame) {

    /**
     * @param metrics       the run's app metrics (a fresh app: its counters hold this run alone)
     * @param commitSeconds the app's commit time
     * @param threadSeconds stream threads x the seconds from the first label to the last
     * @param frames        frames labelled
     */
    static StageBreakdown of(PipelineMetrics metrics, double commitSeconds, double threadSeconds, long frames) {
        Map<String, Double> us = new LinkedHashMap<>();
        double counted = commitSeconds;
        for (TimedStage stage : TimedStage.values()) {
            double seconds = metrics.stageSeconds(stage);
            us.put(stage.label(), seconds * 1e6 / frames);
            counted += seconds;
        }
        us.put("commit", commitSeconds * 1e6 / frames);
        us.put("other", Math.max(0, threadSeconds - counted) * 1e6 / frames);
        return new StageBreakdown(us);
    }

    @Override
    public String toString() {
        return microsPerFrame.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey().replace('_', ' '), e.getValue()))
                .collect(Collectors.joining(", ", "us per frame: ", ""));
    }
}
