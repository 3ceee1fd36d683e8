package io.tagstream.app.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times Kafka Streams' restoration of each state store partition from its changelog (after a crash, or when a task
 * moves to this instance): logs one line per restore that read records (at DEBUG when there was nothing to read) and
 * exports it as a metric.
 */
public final class RestoreLog implements StateRestoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreLog.class);

    private final PipelineMetrics metrics;
    private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();

    public RestoreLog(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        startedNanos.put(store + "/" + partition, System.nanoTime());
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        Long started = startedNanos.remove(store + "/" + partition);
        double seconds = started == null ? 0 : (System.nanoTime() - started) / 1e9;
        metrics.storeRestored(seconds, totalRestored);
        if (totalRestored > 0) {
            LOG.info("restored {} records of store {} from {} in {} ms", totalRestored, store, partition,
                    Math.round(seconds * 1000));
        } else { // a new or caught-up store: one line per store partition of every start would say nothing
            LOG.debug("store {} from {} was up to date ({} ms)", store, partition, Math.round(seconds * 1000));
        }
    }
}
