package io.tagstream.plots;

import io.tagstream.features.FeatureKind;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.Pcm16;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.features.TarsosFeatureExtractor;
import io.tagstream.labels.LabelledRecording;
import io.tagstream.labels.LabellingMode;
import io.tagstream.labels.RecordingLabeller;

/**
 * A recording with everything its picture shows: the samples, the model's feature frames and the labels.
 *
 * @param name       what to call it in the title (e.g. the file name)
 * @param samples    mono PCM at {@code sampleRate}, in [-1, 1]
 * @param sampleRate Hz
 * @param features   {@code [T][dims]} the model's input frames; frame k spans {@code [k, k+1) * labels.hopMillis()}
 * @param kind       what a feature vector holds (log-mel energies or MFCC)
 * @param labels     per-frame probabilities and segments, one per feature frame
 */
public record AnalysedRecording(String name, float[] samples, int sampleRate, float[][] features, FeatureKind kind,
                                LabelledRecording labels) {

    public AnalysedRecording {
        if (sampleRate < 1) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        if (features.length != labels.frames()) {
            throw new IllegalArgumentException(name + ": " + features.length + " feature frames but "
                    + labels.frames() + " labelled frames");
        }
    }

    /**
     * Labels {@code pcm} (at the spec's rate) with {@code labeller} and keeps the samples and features beside the
     * labels. The samples are those the pipeline sees: quantised to 16-bit PCM as the audio topic carries them.
     */
    public static AnalysedRecording of(String name, float[] pcm, FeatureSpec spec, RecordingLabeller labeller,
                                       LabellingMode mode) {
        float[] wire = Pcm16.toFloat(Pcm16.quantize(pcm));
        float[][] features = StreamingFeatureExtractor.extractAll(new TarsosFeatureExtractor(spec), wire); // [T][dims]
        return new AnalysedRecording(name, wire, spec.sampleRate(), features, spec.kind(), labeller.label(pcm, mode));
    }

    /** Length of the audio in seconds. */
    public double seconds() {
        return (double) samples.length / sampleRate;
    }

    /** Frame hop in seconds. */
    public double hopSeconds() {
        return labels.hopMillis() / 1000.0;
    }
}
