package io.tagstream.corpus;

import java.util.List;
import java.util.Objects;

/**
 * One class's sound in a scene, placed on the clip: rendered at the corpus rate, at its final gain.
 *
 * @param soundClass what it is ({@link SoundClass#SILENCE} for a clip's noise floor, never a label source)
 * @param start      clip sample of its first sample (may be negative: the part before the clip is cut)
 * @param samples    the sound, mono, {@link Sox#RATE} Hz
 * @param sources    manifest ids of the sources it is made of
 */
record Layer(SoundClass soundClass, long start, float[] samples, List<String> sources) {

    Layer {
        Objects.requireNonNull(soundClass, "soundClass");
        Objects.requireNonNull(samples, "samples");
        sources = List.copyOf(sources);
    }

    /** One past its last clip sample. */
    long end() {
        return start + samples.length;
    }

    /** The same sound times {@code gain}. */
    Layer scaled(double gain) {
        return new Layer(soundClass, start, Loudness.scaled(samples, gain), sources);
    }
}
