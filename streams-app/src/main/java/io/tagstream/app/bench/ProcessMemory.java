package io.tagstream.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this process holds in memory at one moment, after a full garbage collection: the Java heap's live bytes, and
 * the process's resident memory (Linux {@code VmRSS}: the heap the JVM has touched, the stores' RocksDB memtables and
 * block caches, every other native allocation). Two of them, before and after the app takes on streams, say what
 * those streams cost.
 *
 * @param heapBytes     heap in use after {@link System#gc()}
 * @param residentBytes resident set size, or -1 where {@code /proc/self/status} has none
 */
record ProcessMemory(long heapBytes, long residentBytes) {

    private static final Path STATUS = Path.of("/proc/self/status");

    /** Collects garbage (twice: objects freed by the first collection's finalisation go in the second) and reads. */
    static ProcessMemory afterCollection() {
        System.gc();
        System.gc();
        return new ProcessMemory(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), resident());
    }

    /** Heap KiB per stream grown since {@code before}, over {@code streams} streams. */
    double heapKibPerStreamSince(ProcessMemory before, int streams) {
        return (heapBytes - before.heapBytes) / 1024.0 / streams;
    }

    /** Resident KiB per stream grown since {@code before}, over {@code streams} streams; NaN if either is unknown. */
    double residentKibPerStreamSince(ProcessMemory before, int streams) {
        return residentBytes < 0 || before.residentBytes < 0 ? Double.NaN
                : (residentBytes - before.residentBytes) / 1024.0 / streams;
    }

    private static long resident() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {                       // "VmRSS:   123456 kB"
                    return 1024L * Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
