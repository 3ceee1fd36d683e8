package io.tagstream.training;

import java.util.Arrays;

/**
 * A confusion matrix of per-frame predictions and the scores derived from it: frame accuracy, per-class precision,
 * recall and F1, and macro F1 (the mean F1 over the classes that occur as a target or a prediction; a class that
 * never does is left out rather than counted as 0 or 1). Unlabelled frames are not counted. Mutable: one instance
 * accumulates one evaluation.
 */
public final class FrameScores {

    private final long[][] confusion;   // [target][predicted]

    public FrameScores(int labelCount) {
        this.confusion = new long[labelCount][labelCount];
    }

    /** Counts one frame; {@link FrameTargets#UNLABELLED} targets are ignored. */
    public void add(int target, int predicted) {
        if (target != FrameTargets.UNLABELLED) {
            confusion[target][predicted]++;
        }
    }

    /** Frames counted. */
    public long frames() {
        return Arrays.stream(confusion).flatMapToLong(Arrays::stream).sum();
    }

    /** Correct frames / frames; 0 when nothing was counted. */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < confusion.length; c++) {
            correct += confusion[c][c];
        }
        long frames = frames();
        return frames == 0 ? 0 : (double) correct / frames;
    }

    /** F1 of class {@code c}: {@code 2 tp / (2 tp + fp + fn)}; 0 when it never occurs. */
    public double f1(int c) {
        long truePositives = confusion[c][c];
        long targets = Arrays.stream(confusion[c]).sum();
        long predictions = 0;
        for (long[] row : confusion) {
            predictions += row[c];
        }
        long denominator = targets + predictions;
        return denominator == 0 ? 0 : 2.0 * truePositives / denominator;
    }

    /** Mean F1 over the classes that occur as a target or a prediction; 0 when nothing was counted. */
    public double macroF1() {
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < confusion.length; c++) {
            if (occurs(c)) {
                sum += f1(c);
                classes++;
            }
        }
        return classes == 0 ? 0 : sum / classes;
    }

    /** True when class {@code c} is some frame's target or prediction. */
    public boolean occurs(int c) {
        if (Arrays.stream(confusion[c]).sum() > 0) {
            return true;
        }
        for (long[] row : confusion) {
            if (row[c] > 0) {
                return true;
            }
        }
        return false;
    }

    /** A copy of the matrix, {@code [target][predicted]}. */
    public long[][] confusion() {
        long[][] copy = new long[confusion.length][];
        for (int c = 0; c < confusion.length; c++) {
            copy[c] = confusion[c].clone();
        }
        return copy;
    }

    /** Index of the largest value of {@code probabilities} (the first on ties). */
    public static int argmax(float[] probabilities) {
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) {
            if (probabilities[c] > probabilities[best]) {
                best = c;
            }
        }
        return best;
    }
}
