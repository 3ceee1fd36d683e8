package io.tagstream.features;

import java.util.Objects;

/**
 * Decoded audio: mono samples in [-1, 1] at {@code sampleRate} Hz. The array is shared, not copied: treat it as
 * read-only.
 *
 * @param samples    mono PCM, full scale = 1.0
 * @param sampleRate samples per second, at least 1
 */
public record DecodedAudio(float[] samples, int sampleRate) {

    public DecodedAudio {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate < 1) {
            throw new IllegalArgumentException("sample rate must be at least 1 Hz, got " + sampleRate);
        }
    }

    /** Length in seconds. */
    public double durationSeconds() {
        return (double) samples.length / sampleRate;
    }
}
