package io.tagstream.features;

/**
 * Turns one analysis window of PCM into one feature vector. Implementations may keep scratch buffers, so one instance
 * serves one stream (one thread) at a time; the result must depend only on the window's samples.
 */
public interface FrameFeatureExtractor {

    /** The spec this extractor implements. */
    FeatureSpec spec();

    /**
     * @param window exactly {@code spec().windowSamples()} samples, not modified
     * @return a new array of {@code spec().dims()} features
     */
    float[] extract(float[] window);
}
