package io.tagstream.ingest;

import io.tagstream.kafka.TopicsConfig;

/** What ingest puts on Kafka: raw 16-bit PCM chunks, or the feature frames computed from them. */
public enum SendMode {
    /** {@code PcmChunk}s on the audio topic; the app computes the features. */
    AUDIO,
    /** {@code FeatureChunk}s on the features topic, computed here from the same 16-bit PCM the audio mode sends. */
    FEATURES;

    /** The topic this mode writes to. */
    public String topic(TopicsConfig topics) {
        return this == AUDIO ? topics.audio() : topics.features();
    }
}
