package io.tagstream.ingest;

import io.tagstream.features.FeatureSpec;
import io.tagstream.wire.WireName;

/**
 * How one stream is cut and encoded on its way into Kafka.
 *
 * @param streamId    the stream id: Kafka key and the stream field of every record
 * @param mode        audio chunks or feature chunks
 * @param chunkMillis length of one PCM chunk in milliseconds (1..10000), a whole number of samples at the spec's rate
 * @param spec        pipeline sample rate and, in {@link SendMode#FEATURES} mode, how features are computed
 */
public record IngestConfig(String streamId, SendMode mode, int chunkMillis, FeatureSpec spec) {

    /**
     * 20 ms, for audio sent as it is captured or played (real time, a multiple of it, a microphone): a frame's label
     * waits for the chunk that completes its lookahead, so the chunk adds up to its own length to every latency. With
     * 50 live streams, 20 ms chunks against 50 ms cut the frame-to-label p99 by about 40 ms (docs/configuration.md,
     * {@code tagstream bench pipeline --live-chunk-ms}); a chunk is 640 bytes.
     */
    public static final int DEFAULT_CHUNK_MILLIS = 20;

    /**
     * 50 ms, for a replay at {@link ReplaySpeed#MAX}: nobody waits for a chunk to fill, and fewer, larger records
     * cost the pipeline less per frame.
     */
    public static final int MAX_SPEED_CHUNK_MILLIS = 50;

    /** The default chunk length at {@code speed}: {@link #MAX_SPEED_CHUNK_MILLIS} at max, else the live one. */
    public static int defaultChunkMillis(ReplaySpeed speed) {
        return speed.isMax() ? MAX_SPEED_CHUNK_MILLIS : DEFAULT_CHUNK_MILLIS;
    }

    public IngestConfig {
        WireName.require("stream id", streamId);
        if (mode == null || spec == null) {
            throw new IllegalArgumentException("send mode and feature spec are required");
        }
        if (chunkMillis < 1 || chunkMillis > 10_000) {
            throw new IllegalArgumentException("chunk length must be 1..10000 ms, got " + chunkMillis);
        }
        if ((long) spec.sampleRate() * chunkMillis % 1000 != 0) {
            throw new IllegalArgumentException("a chunk of " + chunkMillis + " ms is not a whole number of samples at "
                    + spec.sampleRate() + " Hz");
        }
    }

    /** The default: {@value #DEFAULT_CHUNK_MILLIS} ms chunks, the default feature spec (16 kHz). */
    public static IngestConfig of(String streamId, SendMode mode) {
        return new IngestConfig(streamId, mode, DEFAULT_CHUNK_MILLIS, FeatureSpec.DEFAULT);
    }

    /** Samples per chunk at the pipeline rate. */
    public int chunkSamples() {
        return (int) ((long) spec.sampleRate() * chunkMillis / 1000);
    }

    public int sampleRate() {
        return spec.sampleRate();
    }
}
