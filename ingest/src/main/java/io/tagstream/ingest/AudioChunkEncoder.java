package io.tagstream.ingest;

import java.util.Optional;

import io.tagstream.wire.PcmChunk;
import io.tagstream.wire.PcmChunkCodec;

/** Audio mode: each PCM chunk becomes a {@link PcmChunk} whose sequence number is its first sample's index. */
final class AudioChunkEncoder implements ChunkEncoder {

    private final String streamId;
    private final EventClock clock;
    private long nextSample;

    AudioChunkEncoder(String streamId, EventClock clock) {
        this.streamId = streamId;
        this.clock = clock;
    }

    @Override
    public Optional<EncodedChunk> accept(short[] pcm) {
        if (pcm.length == 0) {
            return Optional.empty();
        }
        EncodedChunk encoded = encode(pcm, false);
        nextSample += pcm.length;
        return Optional.of(encoded);
    }

    @Override
    public EncodedChunk endOfStream() {
        return encode(new short[0], true);
    }

    private EncodedChunk encode(short[] pcm, boolean endOfStream) {
        long startTimeMs = clock.timeOfSample(nextSample);
        PcmChunk chunk = new PcmChunk(streamId, nextSample, clock.sampleRate(), startTimeMs, pcm, endOfStream);
        return new EncodedChunk(startTimeMs, PcmChunkCodec.encode(chunk), pcm.length, 0, endOfStream);
    }
}
