package io.tagstream.training;

import java.util.List;

/**
 * Per-feature mean and standard deviation over every frame of the training clips (the model's input normalisation),
 * accumulated in double, two passes. A standard deviation below {@link #MIN_STD} is raised to it, so that a feature
 * that never varies in the corpus (e.g. a band the audio never reaches) does not divide by zero.
 *
 * @param mean [inputDims]
 * @param std  [inputDims], each at least {@link #MIN_STD}
 */
public record FeatureStatistics(float[] mean, float[] std) {

    /** Floor of a standard deviation. */
    public static final double MIN_STD = 1e-3;

    /** Statistics of every frame of {@code clips} (at least one frame). */
    public static FeatureStatistics of(List<LabelledClip> clips) {
        long count = clips.stream().mapToLong(LabelledClip::length).sum();
        if (count == 0) {
            throw new IllegalArgumentException("no frames to compute feature statistics from");
        }
        int dims = clips.stream().filter(c -> c.length() > 0).findFirst().orElseThrow().dims();
        double[] sum = new double[dims];
        for (LabelledClip clip : clips) {
            for (int t = 0; t < clip.length(); t++) {
                for (int i = 0; i < dims; i++) {
                    sum[i] += clip.value(t, i);
                }
            }
        }
        double[] squares = new double[dims];
        for (LabelledClip clip : clips) {
            for (int t = 0; t < clip.length(); t++) {
                for (int i = 0; i < dims; i++) {
                    double centred = clip.value(t, i) - sum[i] / count;
                    squares[i] += centred * centred;
                }
            }
        }
        float[] mean = new float[dims];
        float[] std = new float[dims];
        for (int i = 0; i < dims; i++) {
            mean[i] = (float) (sum[i] / count);
            std[i] = (float) Math.max(MIN_STD, Math.sqrt(squares[i] / count));
        }
        return new FeatureStatistics(mean, std);
    }
}
