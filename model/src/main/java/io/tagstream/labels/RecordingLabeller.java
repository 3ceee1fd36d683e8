package io.tagstream.labels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.tagstream.features.AudioFileException;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.Pcm16;
import io.tagstream.features.RecordingFeatures;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.features.TarsosFeatureExtractor;
import io.tagstream.model.EmittedFrames;
import io.tagstream.model.Encoder;
import io.tagstream.model.OfflineStream;
import io.tagstream.model.ProbabilityStream;
import io.tagstream.model.StreamState;

/**
 * Labels a recording without Kafka ({@code tagstream label}, {@code tagstream eval}): decode, quantise to 16-bit
 * exactly as the audio topic carries it, extract features, run the encoder offline or streaming, build segments. A
 * WAV file is labelled as a stream, in bounded memory, with the labels the whole-recording path
 * ({@link #label(float[], LabellingMode)}) gives.
 */
public final class RecordingLabeller {

    /** Frames per chunk in streaming mode (100 ms, what ingest sends). */
    static final int STREAMING_CHUNK_FRAMES = 10;

    private final Encoder encoder;
    private final FeatureSpec spec;
    private final List<String> labels;
    private final Segmenter segmenter;

    public RecordingLabeller(Encoder encoder, FeatureSpec spec, List<String> labels, SegmentPolicy policy) {
        if (encoder.config().inputDims() != spec.dims() || encoder.config().labelCount() != labels.size()) {
            throw new IllegalArgumentException("encoder takes " + encoder.config().inputDims() + " features and scores "
                    + encoder.config().labelCount() + " labels; spec gives " + spec.dims() + ", label set has "
                    + labels.size());
        }
        this.encoder = encoder;
        this.spec = spec;
        this.labels = List.copyOf(labels);
        this.segmenter = new Segmenter(policy);
    }

    /**
     * Labels a WAV file, holding all its labels in memory (see {@link #label(Path, LabellingMode, LabelSink)} for a
     * file of any length); a bad file throws with a one-line message naming it.
     */
    public LabelledRecording label(Path wav, LabellingMode mode) throws AudioFileException {
        List<float[]> probabilities = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        label(wav, mode, new LabelSink() {
            @Override
            public void frame(long frame, float[] p) {
                probabilities.add(p);
            }

            @Override
            public void segment(Segment segment) {
                segments.add(segment);
            }
        });
        return new LabelledRecording(labels, spec.hopMillis(), probabilities.toArray(new float[0][]), segments);
    }

    /**
     * Labels a WAV file as a stream, in memory bounded whatever its length: the file is decoded a block at a time
     * ({@link RecordingFeatures}), its frames go through an {@link OfflineStream} or a {@link StreamState} (in chunks
     * of {@value #STREAMING_CHUNK_FRAMES} frames, as ingest sends them) and the {@link Segmenter}, and each frame and
     * closed segment goes to {@code sink} as soon as it is known. The labels equal those of
     * {@link #label(float[], LabellingMode)} over the whole decoded file, bit for bit.
     *
     * @return the number of frames labelled
     * @throws AudioFileException a bad file, with a one-line message naming it (headers are checked before any
     *                            frame is handed over)
     */
    public long label(Path wav, LabellingMode mode, LabelSink sink) throws AudioFileException {
        try (RecordingFeatures features = RecordingFeatures.open(wav, spec)) {
            sink.begin(features.frames());
            LabelFlow flow = new LabelFlow(mode == LabellingMode.OFFLINE ? encoder.newOfflineStream()
                    : new ChunkedStream(encoder.newStream(), STREAMING_CHUNK_FRAMES), sink);
            for (float[][] block = features.next(); block != null; block = features.next()) {
                flow.accept(block);
                sink.caughtUp();
            }
            long frames = flow.finish();
            sink.caughtUp();
            if (frames != features.frames()) {
                throw new IllegalStateException(wav + ": labelled " + frames + " frames, the headers promise "
                        + features.frames());
            }
            return frames;
        }
    }

    /** Labels PCM at the pipeline rate. */
    public LabelledRecording label(float[] pcm, LabellingMode mode) {
        float[] wire = Pcm16.toFloat(Pcm16.quantize(pcm));
        float[][] frames = StreamingFeatureExtractor.extractAll(new TarsosFeatureExtractor(spec), wire); // [T][dims]
        float[][] probabilities = mode == LabellingMode.OFFLINE ? encoder.probabilities(frames) : streamed(frames);
        return new LabelledRecording(labels, spec.hopMillis(), probabilities, segmenter.segmentAll(probabilities));
    }

    private float[][] streamed(float[][] frames) {
        ChunkedStream stream = new ChunkedStream(encoder.newStream(), STREAMING_CHUNK_FRAMES);
        List<float[]> out = new ArrayList<>(frames.length);
        out.addAll(Arrays.asList(stream.accept(frames).probabilities()));
        out.addAll(Arrays.asList(stream.flush().probabilities()));
        return out.toArray(new float[0][]);
    }

    /** Frames through a probability stream and the segmenter, to a sink. */
    private final class LabelFlow {
        private final ProbabilityStream probabilities;
        private final LabelSink sink;
        private SegmenterState segments = SegmenterState.start(0);
        private long next;

        LabelFlow(ProbabilityStream probabilities, LabelSink sink) {
            this.probabilities = probabilities;
            this.sink = sink;
        }

        void accept(float[][] frames) {
            emit(probabilities.accept(frames));
        }

        /** Flushes the stream and the segmenter; returns the frames labelled. */
        long finish() {
            emit(probabilities.flush());
            Segment last = segmenter.flush(segments);
            if (last != null) {
                sink.segment(last);
            }
            return next;
        }

        private void emit(EmittedFrames emitted) {
            for (float[] p : emitted.probabilities()) {
                sink.frame(next++, p);
                Segmenter.Step step = segmenter.accept(segments, p);
                segments = step.state();
                if (step.closed() != null) {
                    sink.segment(step.closed());
                }
            }
        }
    }
}
