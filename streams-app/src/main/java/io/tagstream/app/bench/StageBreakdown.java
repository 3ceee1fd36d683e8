package io.tagstream.app.bench;

import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.app.metrics.PipelineMetrics.TimedStage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a max-speed run's time went, in microseconds of stream-thread time per frame labelled: the processors' timed
 * stages ({@link TimedStage}), the commits (Kafka Streams' estimate), and the rest of the threads' time from app
 * start to the last label ({@code other}: polling, (de)serialisation, Kafka Streams' own work, restore, idle).
 *
 * @param microsPerFrame stage name to microseconds per frame, in pipeline order, {@code other} last
 */
record StageBreakdown(Map<String, Double> microsPerFrame) {

    /**
     * @param metrics       the run's app metrics (a fresh app: its counters hold this run alone)
     * @param commitSeconds the app's commit time
     * @param threadSeconds stream threads x the seconds from app start to the last label
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
