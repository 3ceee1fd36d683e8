package io.tagstream.training;

import java.util.Arrays;
import java.util.List;

import io.tagstream.reference.FrameTargets;

/**
 * Loss weight of each class. Inverse frequency: with {@code n_c} labelled training frames of class {@code c},
 * {@code N} labelled frames in all and {@code K} classes present, {@code w_c = N / (K * n_c)}, so that every present
 * class carries the same total weight and the weights average to 1 over the frames; a class absent from the training
 * data gets 0 (it has no frames to weigh). Without class weighting every class weighs 1.
 *
 * @param weights [labelCount] weight per class
 */
public record ClassWeights(double[] weights) {

    /** Weights for {@code clips} over {@code labelCount} classes. */
    public static ClassWeights of(List<LabelledClip> clips, int labelCount, boolean inverseFrequency) {
        double[] weights = new double[labelCount];
        if (!inverseFrequency) {
            Arrays.fill(weights, 1.0);
            return new ClassWeights(weights);
        }
        long[] counts = counts(clips, labelCount);
        long total = Arrays.stream(counts).sum();
        long present = Arrays.stream(counts).filter(n -> n > 0).count();
        if (total == 0) {
            throw new IllegalArgumentException("the training clips have no labelled frames");
        }
        for (int c = 0; c < labelCount; c++) {
            weights[c] = counts[c] == 0 ? 0.0 : (double) total / (present * counts[c]);
        }
        return new ClassWeights(weights);
    }

    /** Labelled frames per class. */
    public static long[] counts(List<LabelledClip> clips, int labelCount) {
        long[] counts = new long[labelCount];
        for (LabelledClip clip : clips) {
            for (int target : clip.targets()) {
                if (target != FrameTargets.UNLABELLED) {
                    counts[target]++;
                }
            }
        }
        return counts;
    }

    /** Weight of class {@code c}. */
    public double of(int c) {
        return weights[c];
    }
}
