package io.tagstream.training;

import java.util.List;
import java.util.stream.IntStream;

import io.tagstream.evaluation.ClassScores;
import io.tagstream.evaluation.ConfusionMatrix;
import io.tagstream.reference.FrameTargets;

/**
 * Accumulates the per-frame predictions of one training-time evaluation (train batches, dev split) into a confusion
 * matrix; the scores are {@link ConfusionMatrix} and {@link ClassScores}' (the same definitions as
 * {@code tagstream eval} without a collar), reported as 0 where they are undefined so the training log holds numbers
 * only. Unlabelled frames are not counted. Mutable: one instance accumulates one evaluation.
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

    /** The counts so far, labels named by their index. */
    public ConfusionMatrix matrix() {
        List<String> names = IntStream.range(0, confusion.length).mapToObj(Integer::toString).toList();
        return new ConfusionMatrix(names, confusion);
    }

    /** Frames counted. */
    public long frames() {
        return matrix().total();
    }

    /** Correct frames / frames; 0 when nothing was counted. */
    public double accuracy() {
        return orZero(matrix().accuracy());
    }

    /** F1 of class {@code c}; 0 when the class is neither a target nor a prediction of any frame. */
    public double f1(int c) {
        return orZero(ClassScores.of(matrix(), c).f1());
    }

    /** Mean F1 over the classes that occur as a target or a prediction; 0 when nothing was counted. */
    public double macroF1() {
        return orZero(ClassScores.macroF1(ClassScores.all(matrix())));
    }

    /** A copy of the matrix, {@code [target][predicted]}. */
    public long[][] confusion() {
        return matrix().counts();
    }

    private static double orZero(double score) {
        return Double.isNaN(score) ? 0 : score;
    }
}
