package io.tagstream.evaluation;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Frame counts by reference label (rows) and predicted label (columns). Immutable; matrices of several recordings
 * add up with {@link #plus}.
 */
public final class ConfusionMatrix {

    private final List<String> labels;
    private final long[][] counts; // [reference][predicted]

    /**
     * @param labels label names, the order of rows and columns
     * @param counts {@code [reference][predicted]} frame counts, square, non-negative (copied)
     */
    public ConfusionMatrix(List<String> labels, long[][] counts) {
        this.labels = List.copyOf(labels);
        if (counts.length != this.labels.size()) {
            throw new IllegalArgumentException("confusion matrix of " + this.labels.size() + " labels needs as many"
                    + " rows, got " + counts.length);
        }
        this.counts = new long[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            if (counts[r].length != counts.length || Arrays.stream(counts[r]).anyMatch(n -> n < 0)) {
                throw new IllegalArgumentException("confusion matrix row " + r + " must hold " + counts.length
                        + " non-negative counts, got " + Arrays.toString(counts[r]));
            }
            this.counts[r] = counts[r].clone();
        }
    }

    /** A matrix of zeros. */
    public static ConfusionMatrix empty(List<String> labels) {
        return new ConfusionMatrix(labels, new long[labels.size()][labels.size()]);
    }

    /**
     * Counts the frames {@code t} with {@code scored[t]}: one in row {@code reference[t]}, column
     * {@code predicted[t]}. The three arrays are {@code [T]}; a scored frame must have a reference label.
     */
    public static ConfusionMatrix count(List<String> labels, int[] reference, int[] predicted, boolean[] scored) {
        if (reference.length != predicted.length || reference.length != scored.length) {
            throw new IllegalArgumentException("reference, predictions and mask must have one entry per frame, got "
                    + reference.length + ", " + predicted.length + " and " + scored.length);
        }
        long[][] counts = new long[labels.size()][labels.size()];
        for (int t = 0; t < reference.length; t++) {
            if (scored[t]) {
                counts[reference[t]][predicted[t]]++;
            }
        }
        return new ConfusionMatrix(labels, counts);
    }

    /** The sum of {@code matrices} (all of {@code labels}); zeros when there are none. */
    public static ConfusionMatrix sum(List<String> labels, Collection<ConfusionMatrix> matrices) {
        ConfusionMatrix sum = empty(labels);
        for (ConfusionMatrix m : matrices) {
            sum = sum.plus(m);
        }
        return sum;
    }

    /** The element-wise sum with {@code other} (same labels). */
    public ConfusionMatrix plus(ConfusionMatrix other) {
        if (!labels.equals(other.labels)) {
            throw new IllegalArgumentException("cannot add confusion matrices of " + labels + " and " + other.labels);
        }
        long[][] sum = new long[size()][size()];
        for (int r = 0; r < size(); r++) {
            for (int p = 0; p < size(); p++) {
                sum[r][p] = counts[r][p] + other.counts[r][p];
            }
        }
        return new ConfusionMatrix(labels, sum);
    }

    /**
     * The two-class matrix of {@code positive} against all other labels together: labels {@code [positive,
     * "not " + positive]}, where a frame is correct when both its reference and its prediction are the positive label,
     * or both are not (confusions among the other labels count as correct).
     */
    public ConfusionMatrix oneVersusRest(int positive) {
        long[][] binary = new long[2][2];
        for (int r = 0; r < size(); r++) {
            for (int p = 0; p < size(); p++) {
                binary[r == positive ? 0 : 1][p == positive ? 0 : 1] += counts[r][p];
            }
        }
        String name = labels.get(positive);
        return new ConfusionMatrix(List.of(name, "not " + name), binary);
    }

    public List<String> labels() {
        return labels;
    }

    /** Number of labels. */
    public int size() {
        return labels.size();
    }

    /** Frames of reference label {@code reference} predicted as {@code predicted}. */
    public long count(int reference, int predicted) {
        return counts[reference][predicted];
    }

    /** A copy of the counts, {@code [reference][predicted]}. */
    public long[][] counts() {
        long[][] copy = new long[size()][];
        for (int r = 0; r < size(); r++) {
            copy[r] = counts[r].clone();
        }
        return copy;
    }

    /** All frames counted. */
    public long total() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
    }

    /** Frames on the diagonal. */
    public long correct() {
        long sum = 0;
        for (int c = 0; c < size(); c++) {
            sum += counts[c][c];
        }
        return sum;
    }

    /** Frames whose reference is {@code label} (its row sum). */
    public long referenceFrames(int label) {
        return Arrays.stream(counts[label]).sum();
    }

    /** Frames predicted as {@code label} (its column sum). */
    public long predictedFrames(int label) {
        long sum = 0;
        for (long[] row : counts) {
            sum += row[label];
        }
        return sum;
    }

    /** Correct frames / frames; NaN when no frame was counted. */
    public double accuracy() {
        return ratio(correct(), total());
    }

    /**
     * The share of the frames of reference label {@code reference} that were predicted as {@code predicted}
     * (row-normalised count, e.g. music frames labelled speech); NaN when there is no frame of {@code reference}.
     */
    public double share(int reference, int predicted) {
        return ratio(counts[reference][predicted], referenceFrames(reference));
    }

    /** Index of {@code label}, or -1. */
    public int indexOf(String label) {
        return labels.indexOf(label);
    }

    /** {@code numerator / denominator}, NaN when the denominator is 0 (the documented "undefined"). */
    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && labels.equals(m.labels) && Arrays.deepEquals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return 31 * labels.hashCode() + Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + labels + Arrays.deepToString(counts);
    }
}
