package io.tagstream.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.function.Executable;

/** Assertions shared by the wire tests: rejection with a message naming the problem, and allocation bounds. */
final class WireAssertions {

    private WireAssertions() {
    }

    /** {@code decoding} throws a one-line {@link WireFormatException} whose message contains every fragment. */
    static WireFormatException assertRejected(Executable decoding, String... fragments) {
        WireFormatException e = assertThrows(WireFormatException.class, decoding);
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), () -> "multi-line message: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "message \"" + message + "\" does not contain \"" + fragment + "\"");
        }
        return e;
    }

    /** {@code constructing} throws an IllegalArgumentException whose message contains every fragment. */
    static void assertInvalid(Executable constructing, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, constructing);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment),
                    () -> "message \"" + e.getMessage() + "\" does not contain \"" + fragment + "\"");
        }
    }

    /** Bytes allocated by the current thread while running {@code action} (skips the test where unmeasurable). */
    static long allocatedBytes(Runnable action) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads instanceof com.sun.management.ThreadMXBean,
                "this JVM cannot measure per-thread allocation");
        com.sun.management.ThreadMXBean meter = (com.sun.management.ThreadMXBean) threads;
        Assumptions.assumeTrue(meter.isThreadAllocatedMemorySupported() && meter.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation measurement is off");
        long thread = Thread.currentThread().getId();
        long before = meter.getThreadAllocatedBytes(thread);
        action.run();
        return meter.getThreadAllocatedBytes(thread) - before;
    }

    /** Writes {@code size} bytes of {@code value} little-endian at {@code offset}. */
    static byte[] patched(byte[] record, int offset, long value, int size) {
        byte[] copy = record.clone();
        for (int i = 0; i < size; i++) {
            copy[offset + i] = (byte) (value >>> (8 * i));
        }
        return copy;
    }
}
