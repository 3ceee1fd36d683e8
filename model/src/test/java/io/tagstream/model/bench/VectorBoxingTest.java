package io.tagstream.model.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorBoxing} against allocations whose class the test knows, each kept for a while in a ring (so no
 * compiler can leave it out) and made for a second (JFR samples at most 1,000 allocations a second, so a burst of a
 * few milliseconds may get none): float arrays count in all bytes and not as vectors; {@code FloatVector}s count as
 * vectors, and the sites name this test; counted by time, the stretch of the arrays holds next to no vector bytes
 * and the stretch of the vectors holds them. The counts are estimates from JFR's samples, so the bounds are wide.
 */
class VectorBoxingTest {

    private static final long WAIT_NANOS = 20_000_000_000L;
    private static final long MAKE_NANOS = 1_000_000_000L;
    private static final int MAX_ALLOCATIONS = 200_000_000;

    @Test
    void countsVectorObjectsAndNotOtherAllocations() throws InterruptedException {
        try (VectorBoxing boxing = VectorBoxing.start()) {
            Object[] ring = new Object[1_024];
            Instant arraysFrom = Instant.now();
            long arrays = 0;
            long until = System.nanoTime() + MAKE_NANOS;
            for (int i = 0; i < MAX_ALLOCATIONS && (i % 1_024 != 0 || System.nanoTime() < until); i++) {
                ring[i & 1_023] = new float[256];                            // 1 KiB each
                arrays++;
            }
            Instant arraysTo = Instant.now();
            long arrayBytes = arrays * (16 + 4L * 256);
            assertTrue(awaitAtLeast(boxing::allBytes, arrayBytes / 4), "all bytes " + boxing.allBytes() + " after "
                    + arrayBytes + " bytes of float arrays");
            long vectorsAfterArrays = boxing.vectorBytes();
            assertTrue(vectorsAfterArrays < arrayBytes / 100, "vector bytes " + vectorsAfterArrays
                    + " after float arrays only");

            float[] values = new float[FloatVector.SPECIES_256.length()];
            long vectors = 0;
            Instant vectorsFrom = Instant.now();
            until = System.nanoTime() + MAKE_NANOS;
            for (int i = 0; i < MAX_ALLOCATIONS && (i % 1_024 != 0 || System.nanoTime() < until); i++) {
                values[0] = i;
                ring[i & 1_023] = FloatVector.fromArray(FloatVector.SPECIES_256, values, 0); // a 16-byte box each
                vectors++;
            }
            Instant vectorsTo = Instant.now();
            long target = vectorsAfterArrays + vectors * 16 / 50;
            assertTrue(awaitAtLeast(boxing::vectorBytes, target), "vector bytes " + boxing.vectorBytes() + " after "
                    + vectors + " FloatVectors, wanted " + target);
            assertTrue(boxing.vectorBytes() <= boxing.allBytes(), "vectors are part of all allocations");
            assertTrue(boxing.awaitSamplesUntil(vectorsTo, Duration.ofSeconds(20)), "samples after the vectors");
            long inArrays = boxing.vectorBytesBetween(arraysFrom, arraysTo);
            long inVectors = boxing.vectorBytesBetween(vectorsFrom, vectorsTo);
            assertTrue(inArrays < arrayBytes / 100, "vector bytes " + inArrays + " in the arrays' stretch");
            assertTrue(inVectors >= vectors * 16 / 50, "vector bytes " + inVectors + " in the vectors' stretch, "
                    + vectors + " FloatVectors made");
            assertTrue(inVectors <= boxing.vectorBytes(), "a stretch holds part of the whole run");
            assertTrue(boxing.sites(1).startsWith("VectorBoxingTest.countsVectorObjectsAndNotOtherAllocations:"),
                    boxing.sites(3));
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
