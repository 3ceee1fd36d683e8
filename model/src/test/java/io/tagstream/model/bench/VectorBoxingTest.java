package io.tagstream.model.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorBoxing} against allocations whose class and size the test knows: float arrays count in all bytes and
 * not as vectors; {@code FloatVector}s kept in a list (boxes that cannot be scalar-replaced, whatever the JIT does)
 * count as vectors. The counts are estimates from JFR's samples and only the boxes count as vectors (their payload
 * arrays are {@code float[]}), so the bounds are wide: a quarter of the arrays' bytes in all, under a thousandth of
 * them as vectors; then at least a fiftieth of the boxes' bytes as vectors (measured: about a fifteenth).
 */
class VectorBoxingTest {

    private static final long WAIT_NANOS = 20_000_000_000L;

    @Test
    void countsVectorObjectsAndNotOtherAllocations() throws InterruptedException {
        try (VectorBoxing boxing = VectorBoxing.start()) {
            List<Object> kept = new ArrayList<>();
            long arrayBytes = 0;
            for (int i = 0; i < 2_000; i++) {                         // 2,000 float[2,048]: about 16 MB
                kept.add(new float[2_048]);
                arrayBytes += 16 + 4L * 2_048;
            }
            long allTarget = arrayBytes / 4;
            assertTrue(awaitAtLeast(boxing::allBytes, allTarget), "all bytes " + boxing.allBytes() + " after "
                    + arrayBytes + " bytes of float arrays");
            long vectorsAfterArrays = boxing.vectorBytes();
            assertTrue(vectorsAfterArrays < arrayBytes / 1_000, "vector bytes " + vectorsAfterArrays
                    + " after float arrays only");

            kept.clear();
            float[] values = new float[FloatVector.SPECIES_256.length()];
            for (int i = 0; i < 300_000; i++) {                       // a box of 16 bytes each: 4.8 MB
                values[0] = i;
                kept.add(FloatVector.fromArray(FloatVector.SPECIES_256, values, 0));
            }
            long vectorTarget = vectorsAfterArrays + 300_000L * 16 / 50;
            assertTrue(awaitAtLeast(boxing::vectorBytes, vectorTarget), "vector bytes " + boxing.vectorBytes()
                    + " after 300,000 FloatVectors, wanted " + vectorTarget);
            assertTrue(boxing.vectorBytes() <= boxing.allBytes(), "vectors are part of all allocations");
        }
    }

    /** Waits (at most 20 s: JFR delivers samples about once a second) until {@code count} reaches {@code target}. */
    private static boolean awaitAtLeast(LongSupplier count, long target) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (count.getAsLong() < target && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return count.getAsLong() >= target;
    }
}
