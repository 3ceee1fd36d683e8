package io.tagstream.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.tagstream.kafka.TopicsConfig;
import io.tagstream.labels.SegmentPolicy;

/**
 * Everything the streams app is configured with, typed and validated once at the edge ({@link AppConfigLoader}).
 *
 * @param bootstrapServers    Kafka bootstrap servers, "host:port[,host:port...]"
 * @param applicationId       Kafka Streams application id (instances with the same id share the work)
 * @param topics              topic names and sizes
 * @param processingGuarantee "exactly_once_v2" (default) or "at_least_once"
 * @param commitInterval      how often results are committed while the input is live: the latency / throughput
 *                            trade-off of live streams
 * @param catchUpCommitInterval how often while every stream of a task is caught up on faster than real time (a
 *                            replay at max speed, a backlog); Kafka Streams' own commit interval when longer than
 *                            {@code commitInterval}, and live tasks then ask for their commits sooner
 * @param streamThreads       Kafka Streams threads per instance
 * @param standbyReplicas     warm standby copies of each task's state on other instances
 * @param stateDir            local state directory (RocksDB stores)
 * @param model               model file, or {@code null} for the bundled default model
 * @param modelWarmUp         how long the model runs on throwaway streams at start, before Kafka Streams starts, so
 *                            the JIT has its kernels before the first real frame ({@code LabellerWarmUp}; 0 = none)
 * @param httpHost            REST / dashboard bind address (127.0.0.1 by default)
 * @param httpPort            REST / dashboard port (0 = any free port)
 * @param httpAuthToken       bearer token every REST endpoint but /health asks for ("" = none)
 * @param startupTimeout      how long {@code run} waits for the cluster to answer at start before it gives up
 * @param stallTimeout        a stream thread that has not polled Kafka for this long makes /health answer 503
 * @param idleTimeout         a stream with no input for this long is closed (lookahead flushed, segment closed)
 * @param gapPolicy           what to do when sequence numbers jump forward
 * @param segmentPolicy       segment smoothing (minimum length, switch margin)
 * @param batching            how the label processor gathers frames into one batched forward of the model
 * @param kafkaOverrides      extra Kafka client settings passed through unchanged (security: SASL/TLS ...)
 */
public record AppConfig(
        String bootstrapServers,
        String applicationId,
        TopicsConfig topics,
        String processingGuarantee,
        Duration commitInterval,
        Duration catchUpCommitInterval,
        int streamThreads,
        int standbyReplicas,
        Path stateDir,
        Path model,
        Duration modelWarmUp,
        String httpHost,
        int httpPort,
        String httpAuthToken,
        Duration startupTimeout,
        Duration stallTimeout,
        Duration idleTimeout,
        GapPolicy gapPolicy,
        SegmentPolicy segmentPolicy,
        LabelBatching batching,
        Map<String, String> kafkaOverrides) {

    public AppConfig {
        require(bootstrapServers != null && !bootstrapServers.isBlank(), "bootstrap.servers is required");
        require(applicationId != null && applicationId.matches("[a-zA-Z0-9._-]{1,200}"),
                "application.id must be 1..200 of a-z A-Z 0-9 . _ -, got '" + applicationId + "'");
        require(topics != null, "topics are required");
        require("exactly_once_v2".equals(processingGuarantee) || "at_least_once".equals(processingGuarantee),
                "processing.guarantee must be exactly_once_v2 or at_least_once, got '" + processingGuarantee + "'");
        require(!commitInterval.isNegative() && commitInterval.toMillis() <= 600_000,
                "commit.interval.ms must be 0..600000, got " + commitInterval.toMillis());
        require(!catchUpCommitInterval.isNegative() && catchUpCommitInterval.toMillis() <= 600_000,
                "commit.catchup.interval.ms must be 0..600000, got " + catchUpCommitInterval.toMillis());
        require(streamThreads >= 1 && streamThreads <= 64, "num.stream.threads must be 1..64, got " + streamThreads);
        require(standbyReplicas >= 0 && standbyReplicas <= 16,
                "num.standby.replicas must be 0..16, got " + standbyReplicas);
        require(stateDir != null, "state.dir is required");
        require(!modelWarmUp.isNegative() && modelWarmUp.toMillis() <= 600_000,
                "model.warm.up.ms must be 0..600000, got " + modelWarmUp.toMillis());
        require(httpPort >= 0 && httpPort <= 65_535, "http.port must be 0..65535, got " + httpPort);
        require(httpAuthToken != null && httpAuthToken.strip().equals(httpAuthToken)
                        && (httpAuthToken.isEmpty() || httpAuthToken.length() >= 16),
                "http.auth.token must be empty (no token) or at least 16 characters without surrounding blanks");
        require(startupTimeout.toMillis() >= 1_000, "startup.timeout.ms must be at least 1000, got "
                + startupTimeout.toMillis());
        require(stallTimeout.toMillis() >= 1_000, "health.stall.timeout.ms must be at least 1000, got "
                + stallTimeout.toMillis());
        require(idleTimeout.toMillis() >= 100, "stream.idle.timeout.ms must be at least 100, got " + idleTimeout.toMillis());
        require(gapPolicy != null, "gap.policy is required");
        require(segmentPolicy != null, "segment policy is required");
        require(batching != null, "label batching is required");
        kafkaOverrides = Map.copyOf(kafkaOverrides);
    }

    /**
     * Kafka Streams' commit interval: the longer of the two, so that tasks catching up commit that seldom; live tasks
     * ask for commits every {@link #commitInterval()} ({@link #liveCommitRequests()}).
     */
    public Duration streamsCommitInterval() {
        return liveCommitRequests() ? catchUpCommitInterval : commitInterval;
    }

    /**
     * Whether live tasks ask Kafka Streams for their commits: when catching up commits less often than live, and live
     * commits are not "every loop" (0).
     */
    public boolean liveCommitRequests() {
        return commitInterval.toMillis() > 0 && catchUpCommitInterval.compareTo(commitInterval) > 0;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
