package io.tagstream.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights entry of a model file: every tensor's values as little-endian IEEE-754 float32, row-major, tensors
 * one after the other in the order the manifest lists them, nothing else (no header, no padding). A tensor's offset
 * is the sum of the sizes before it; its shape is in the manifest.
 */
final class WeightsBinary {

    private WeightsBinary() {
    }

    /** Bytes taken by tensors of the given shapes. */
    static long byteCount(Map<String, int[]> shapes) {
        long floats = 0;
        for (int[] shape : shapes.values()) {
            long size = 1;
            for (int dim : shape) {
                size *= dim;
            }
            floats += size;
        }
        return 4 * floats;
    }

    static byte[] encode(Map<String, WeightTensor> tensors) {
        long total = 0;
        for (WeightTensor tensor : tensors.values()) {
            total += 4L * tensor.size();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("weights of " + total + " bytes exceed the 2 GB format limit");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        for (WeightTensor tensor : tensors.values()) {
            bytes.asFloatBuffer().put(tensor.values());
            bytes.position(bytes.position() + 4 * tensor.size());
        }
        return bytes.array();
    }

    /** Tensors of {@code shapes} (in order) from {@code bytes}, which must hold exactly {@link #byteCount}. */
    static Map<String, WeightTensor> decode(byte[] bytes, Map<String, int[]> shapes) {
        if (bytes.length != byteCount(shapes)) {
            throw new IllegalArgumentException("weights hold " + bytes.length + " bytes, the manifest's tensors need "
                    + byteCount(shapes));
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, WeightTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> entry : shapes.entrySet()) {
            int size = 1;
            for (int dim : entry.getValue()) {
                size *= dim;
            }
            float[] values = new float[size];
            buffer.asFloatBuffer().get(values);
            buffer.position(buffer.position() + 4 * size);
            tensors.put(entry.getKey(), WeightTensor.wrap(values, entry.getValue().clone()));
        }
        return tensors;
    }
}
