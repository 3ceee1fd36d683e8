package io.tagstream.labels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.tagstream.features.AudioFileException;
import io.tagstream.features.DecodedAudio;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.Pcm16;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.features.TarsosFeatureExtractor;
import io.tagstream.features.WavDecoder;
import io.tagstream.model.EmittedFrames;
import io.tagstream.model.Encoder;
import io.tagstream.model.StreamState;

/**
 * Labels a recording without Kafka ({@code tagstream label}): decode, quantise to 16-bit exactly as the audio topic
 * carries it, extract features, run the encoder offline or streaming, build segments.
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

    /** Labels a WAV file; a bad file throws with a one-line message naming it. */
    public LabelledRecording label(Path wav, LabellingMode mode) throws AudioFileException {
        DecodedAudio audio = WavDecoder.decode(wav, spec.sampleRate());
        return label(audio.samples(), mode);
    }

    /** Labels PCM at the pipeline rate. */
    public LabelledRecording label(float[] pcm, LabellingMode mode) {
        float[] wire = Pcm16.toFloat(Pcm16.quantize(pcm));
        float[][] frames = StreamingFeatureExtractor.extractAll(new TarsosFeatureExtractor(spec), wire); // [T][dims]
        float[][] probabilities = mode == LabellingMode.OFFLINE ? encoder.probabilities(frames) : streamed(frames);
        return new LabelledRecording(labels, spec.hopMillis(), probabilities, segmenter.segmentAll(probabilities));
    }

    private float[][] streamed(float[][] frames) {
        StreamState stream = encoder.newStream();
        List<float[]> out = new ArrayList<>(frames.length);
        for (int from = 0; from < frames.length; from += STREAMING_CHUNK_FRAMES) {
            int to = Math.min(frames.length, from + STREAMING_CHUNK_FRAMES);
            addAll(out, stream.accept(Arrays.copyOfRange(frames, from, to)));
        }
        addAll(out, stream.flush());
        return out.toArray(new float[0][]);
    }

    private static void addAll(List<float[]> out, EmittedFrames emitted) {
        out.addAll(Arrays.asList(emitted.probabilities()));
    }
}
