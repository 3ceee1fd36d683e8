package io.tagstream.kafka;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The pipeline's topic names and sizes. Every topic is keyed by stream id, so they all get the same partition count:
 * a stream's audio, features, labels and segments then sit in the same partition number of their topics.
 *
 * @param audio             PCM chunks in
 * @param features          feature chunks in
 * @param labels            one JSON label per frame out
 * @param segments          one JSON segment per closed segment out
 * @param dlq               malformed input with the reason in headers
 * @param partitions        partitions per topic (the app's parallelism)
 * @param replicationFactor replicas per partition (1 on the embedded single-node broker)
 */
public record TopicsConfig(String audio, String features, String labels, String segments, String dlq,
                           int partitions, short replicationFactor) {

    /** Kafka's own rule (declared before DEFAULT, which is validated against it): ASCII letters, digits, '.', '_' and '-', at most 249 characters. */
    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** The topic names of PRODUCT.md, 4 partitions, replication factor 1. */
    public static final TopicsConfig DEFAULT = new TopicsConfig("tagstream.audio", "tagstream.features",
            "tagstream.labels", "tagstream.segments", "tagstream.dlq", 4, (short) 1);

    public TopicsConfig {
        for (String name : new String[] {audio, features, labels, segments, dlq}) {
            requireLegal(name);
        }
        if (new HashSet<>(List.of(audio, features, labels, segments, dlq)).size() != 5) {
            throw new IllegalArgumentException("topic names must be distinct, got " + List.of(audio, features, labels,
                    segments, dlq));
        }
        if (partitions < 1 || partitions > 10_000) {
            throw new IllegalArgumentException("topic partitions must be 1..10000, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("topic replication factor must be at least 1, got " + replicationFactor);
        }
    }

    private static void requireLegal(String name) {
        if (name == null || !LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("illegal topic name '" + name
                    + "': use 1..249 of the characters a-z A-Z 0-9 . _ -");
        }
    }

    /** All five names, inputs first. */
    public List<String> names() {
        return List.of(audio, features, labels, segments, dlq);
    }

    /** Input topics (audio, features): what ingest writes. */
    public Set<String> inputs() {
        return Set.of(audio, features);
    }

    public TopicsConfig withAudio(String name) {
        return new TopicsConfig(name, features, labels, segments, dlq, partitions, replicationFactor);
    }

    public TopicsConfig withFeatures(String name) {
        return new TopicsConfig(audio, name, labels, segments, dlq, partitions, replicationFactor);
    }

    public TopicsConfig withLabels(String name) {
        return new TopicsConfig(audio, features, name, segments, dlq, partitions, replicationFactor);
    }

    public TopicsConfig withSegments(String name) {
        return new TopicsConfig(audio, features, labels, name, dlq, partitions, replicationFactor);
    }

    public TopicsConfig withDlq(String name) {
        return new TopicsConfig(audio, features, labels, segments, name, partitions, replicationFactor);
    }

    public TopicsConfig withPartitions(int count) {
        return new TopicsConfig(audio, features, labels, segments, dlq, count, replicationFactor);
    }

    public TopicsConfig withReplicationFactor(short factor) {
        return new TopicsConfig(audio, features, labels, segments, dlq, partitions, factor);
    }
}
