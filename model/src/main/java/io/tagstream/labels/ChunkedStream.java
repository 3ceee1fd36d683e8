package io.tagstream.labels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.tagstream.model.EmittedFrames;
import io.tagstream.model.ProbabilityStream;
import io.tagstream.model.StreamState;

/**
 * A {@link StreamState} fed in chunks of exactly {@code chunkFrames} frames counted from the start of the recording
 * (the last one shorter), however the frames arrive: as ingest sends a recording, so the probabilities are the same
 * bit for bit whether the recording is cut into audio blocks or handed over whole. Holds fewer than
 * {@code chunkFrames} frames.
 */
final class ChunkedStream implements ProbabilityStream {

    private final StreamState stream;
    private final int chunkFrames;
    private final List<float[]> pending = new ArrayList<>(); // fewer than chunkFrames frames

    ChunkedStream(StreamState stream, int chunkFrames) {
        if (chunkFrames < 1) {
            throw new IllegalArgumentException("chunks must hold at least one frame, got " + chunkFrames);
        }
        this.stream = stream;
        this.chunkFrames = chunkFrames;
    }

    @Override
    public EmittedFrames accept(float[][] frames) {
        long first = stream.framesEmitted();
        List<float[]> out = new ArrayList<>();
        for (float[] frame : frames) {
            pending.add(frame);
            if (pending.size() == chunkFrames) {
                out.addAll(Arrays.asList(sendPending().probabilities()));
            }
        }
        return new EmittedFrames(first, out.toArray(new float[0][]));
    }

    @Override
    public EmittedFrames flush() {
        long first = stream.framesEmitted();
        List<float[]> out = new ArrayList<>();
        if (!pending.isEmpty()) {
            out.addAll(Arrays.asList(sendPending().probabilities()));
        }
        out.addAll(Arrays.asList(stream.flush().probabilities()));
        return new EmittedFrames(first, out.toArray(new float[0][]));
    }

    private EmittedFrames sendPending() {
        EmittedFrames emitted = stream.accept(pending.toArray(new float[0][]));
        pending.clear();
        return emitted;
    }
}
