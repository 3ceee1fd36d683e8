package io.tagstream.ingest;

import java.util.Optional;

/**
 * Turns one stream's successive 16-bit PCM chunks into Kafka record values, in order, with contiguous sequence
 * numbers. One instance per stream; not thread-safe.
 */
public interface ChunkEncoder {

    /** The record for the next chunk of PCM, or empty when it completes nothing to send (e.g. no whole frame yet). */
    Optional<EncodedChunk> accept(short[] pcm);

    /** The end-of-stream marker, carrying the next sequence number; call once, after the last chunk. */
    EncodedChunk endOfStream();

    /** The encoder of {@code config.mode()}, for a stream whose sample 0 happened at {@code startEpochMs}. */
    static ChunkEncoder forConfig(IngestConfig config, long startEpochMs) {
        EventClock clock = new EventClock(startEpochMs, config.sampleRate());
        return config.mode() == SendMode.AUDIO
                ? new AudioChunkEncoder(config.streamId(), clock)
                : new FeatureChunkEncoder(config.streamId(), config.spec(), clock);
    }
}
