package io.tagstream.features;

import java.nio.file.Path;

/**
 * A WAV file's feature frames a block at a time, exactly as the pipeline computes them: decoded by
 * {@link StreamingWavDecoder}, quantised to 16-bit PCM as the audio topic carries it, framed and extracted by a
 * {@link StreamingFeatureExtractor}. The frames equal {@code StreamingFeatureExtractor.extractAll} over the whole
 * decoded file, bit for bit; memory is one decoded block and its frames, whatever the file's length. Not thread-safe.
 */
public final class RecordingFeatures implements AutoCloseable {

    private final StreamingWavDecoder decoder;
    private final StreamingFeatureExtractor extractor;
    private final long frames;

    private RecordingFeatures(StreamingWavDecoder decoder, FeatureSpec spec) {
        this.decoder = decoder;
        this.extractor = new StreamingFeatureExtractor(new TarsosFeatureExtractor(spec));
        this.frames = StreamingFeatureExtractor.frameCount(spec, decoder.samples());
    }

    /** Opens {@code wav} (a bad file fails here, with a one-line message naming it). */
    public static RecordingFeatures open(Path wav, FeatureSpec spec) throws AudioFileException {
        return new RecordingFeatures(StreamingWavDecoder.open(wav, spec.sampleRate()), spec);
    }

    /** Frames of the whole recording, known from its headers. */
    public long frames() {
        return frames;
    }

    /** Length of the recording in seconds. */
    public double durationSeconds() {
        return decoder.durationSeconds();
    }

    /**
     * The frames the next block of audio completes, {@code [n][dims]} (n may be 0); {@code null} after the last.
     *
     * @throws AudioFileException with a one-line message naming the file
     */
    public float[][] next() throws AudioFileException {
        float[] block = decoder.next();
        return block == null ? null : extractor.accept(Pcm16.toFloat(Pcm16.quantize(block)));
    }

    @Override
    public void close() throws AudioFileException {
        decoder.close();
    }
}
