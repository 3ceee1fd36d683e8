package io.tagstream.ingest;

import java.util.Optional;

import io.tagstream.features.FeatureSpec;
import io.tagstream.features.Pcm16;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.features.TarsosFeatureExtractor;
import io.tagstream.wire.FeatureChunk;
import io.tagstream.wire.FeatureChunkCodec;

/**
 * Features mode: the frames each PCM chunk completes become one {@link FeatureChunk} whose sequence number is its
 * first frame's index. Features are computed from the 16-bit samples (as the app would compute them from the audio
 * topic), so both modes lead to the same feature vectors.
 */
final class FeatureChunkEncoder implements ChunkEncoder {

    private final String streamId;
    private final FeatureSpec spec;
    private final EventClock clock;
    private final StreamingFeatureExtractor frames;

    FeatureChunkEncoder(String streamId, FeatureSpec spec, EventClock clock) {
        this.streamId = streamId;
        this.spec = spec;
        this.clock = clock;
        this.frames = new StreamingFeatureExtractor(new TarsosFeatureExtractor(spec));
    }

    @Override
    public Optional<EncodedChunk> accept(short[] pcm) {
        long firstFrame = frames.nextFrame();
        float[][] completed = frames.accept(Pcm16.toFloat(pcm)); // [n][dims]
        if (completed.length == 0) {
            return Optional.empty();
        }
        return Optional.of(encode(firstFrame, completed, false));
    }

    @Override
    public EncodedChunk endOfStream() {
        return encode(frames.nextFrame(), new float[0][], true);
    }

    private EncodedChunk encode(long firstFrame, float[][] rows, boolean endOfStream) {
        long startTimeMs = clock.timeOfSample(firstFrame * spec.hopSamples());
        FeatureChunk chunk = FeatureChunk.ofRows(streamId, firstFrame, spec, startTimeMs, rows, endOfStream);
        return new EncodedChunk(startTimeMs, FeatureChunkCodec.encode(chunk), 0, rows.length, endOfStream);
    }
}
