package io.tagstream.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.tagstream.reference.AudacityLabel;
import io.tagstream.reference.AudacityLabels;
import io.tagstream.features.AudioFileException;
import io.tagstream.features.DecodedAudio;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.features.WavDecoder;
import io.tagstream.model.LabelSet;

/**
 * The recording the demo replays, with its reference labels: the bundled {@code sample.wav} (one minute, 16 kHz
 * mono 16-bit, every class, speech over music and over noise; made by {@code tagstream synth}, see
 * {@code sample.json} and docs/demo.md) and its Audacity label track {@code sample.txt}, both inside the jar.
 *
 * @param name      how the summary names the recording
 * @param audio     mono samples at the pipeline rate
 * @param reference Audacity label regions (seconds) covering the recording
 */
public record DemoSample(String name, DecodedAudio audio, List<AudacityLabel> reference) {

    /** Classpath folder of the bundled sample. */
    public static final String RESOURCE_DIR = "/io/tagstream/demo/";
    public static final String WAV = "sample.wav";
    public static final String LABELS = "sample.txt";

    public DemoSample {
        reference = List.copyOf(reference);
    }

    /** The bundled sample, decoded (and resampled if needed) to {@code sampleRate}. */
    public static DemoSample bundled(int sampleRate) {
        try (InputStream wav = resource(WAV); InputStream labels = resource(LABELS)) {
            DecodedAudio audio = decode(wav, sampleRate);
            String text = new String(labels.readAllBytes(), StandardCharsets.UTF_8);
            return new DemoSample(WAV, audio, AudacityLabels.parse(text, LABELS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled demo sample: " + e.getMessage(), e);
        }
    }

    /** The first {@code seconds} of this sample (all of it if it is shorter); the reference is kept whole. */
    public DemoSample firstSeconds(double seconds) {
        int samples = (int) Math.min(audio.samples().length, Math.round(seconds * audio.sampleRate()));
        if (samples == audio.samples().length) {
            return this;
        }
        return new DemoSample(name, new DecodedAudio(Arrays.copyOf(audio.samples(), samples), audio.sampleRate()),
                reference);
    }

    /** Frames the pipeline makes of this recording under {@code spec}: exactly the labels each stream gets. */
    public long frames(FeatureSpec spec) {
        return StreamingFeatureExtractor.frameCount(spec, audio.samples().length);
    }

    /**
     * The reference label of each of those frames, with the scoring collar.
     *
     * @throws IllegalArgumentException if the sample has a label that is not in {@code labels}
     */
    public ReferenceTrack referenceTrack(FeatureSpec spec, LabelSet labels) {
        return ReferenceTrack.of(reference, Math.toIntExact(frames(spec)), spec.hopMillis(), ReferenceTrack.COLLAR_MS,
                labels, LABELS);
    }

    private static InputStream resource(String file) throws IOException {
        InputStream in = DemoSample.class.getResourceAsStream(RESOURCE_DIR + file);
        if (in == null) {
            throw new IOException(RESOURCE_DIR + file + " is missing from the classpath");
        }
        return in;
    }

    /** The bundled file is part of the build: a decoding failure is a broken build, not bad user input. */
    private static DecodedAudio decode(InputStream wav, int sampleRate) throws IOException {
        try {
            return WavDecoder.decode(wav, RESOURCE_DIR + WAV, sampleRate);
        } catch (AudioFileException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
