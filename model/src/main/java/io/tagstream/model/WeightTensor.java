package io.tagstream.model;

import java.util.Arrays;

/**
 * An immutable float32 tensor of trained parameters, row-major (the last index varies fastest). A matrix used as a
 * projection is {@code [in, out]} and applied as {@code y = x · W}.
 */
public final class WeightTensor {

    private final int[] shape;
    private final float[] values;

    private WeightTensor(int[] shape, float[] values) {
        this.shape = shape;
        this.values = values;
    }

    /** A tensor holding a copy of {@code values}; their count must equal the product of {@code shape}. */
    public static WeightTensor of(float[] values, int... shape) {
        return wrap(values.clone(), shape.clone());
    }

    /** Takes ownership of {@code values} (callers must not keep or change them). */
    static WeightTensor wrap(float[] values, int... shape) {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " values, got " + values.length);
        }
        return new WeightTensor(shape, values);
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of dimension {@code i}. */
    public int dim(int i) {
        return shape[i];
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Number of values. */
    public int size() {
        return values.length;
    }

    /** Value at flat (row-major) index {@code i}. */
    public float get(int i) {
        return values[i];
    }

    /** A copy of the values, row-major. */
    public float[] toArray() {
        return values.clone();
    }

    /** The values themselves, for the encoder's own loops; never modified. */
    float[] values() {
        return values;
    }

    /** True when the shape equals {@code expected}. */
    public boolean hasShape(int... expected) {
        return Arrays.equals(shape, expected);
    }

    /** Index of the first NaN or infinite value, or -1 when all are finite. */
    public int firstNonFinite() {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "WeightTensor" + Arrays.toString(shape);
    }
}
