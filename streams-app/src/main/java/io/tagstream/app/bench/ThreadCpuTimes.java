package io.tagstream.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The CPU time of this JVM (the bench runs the broker, the app and the label reader in one), by thread, at one
 * moment; {@link #coresSince} says how many cores each kind of thread kept busy between two such moments. Kinds follow
 * the thread names Kafka gives: the app's stream threads ({@code CLIENT-StreamThread-N}), Kafka clients' network and
 * heartbeat threads (the app's producers and consumers), the broker's threads, the bench's own label reader; and,
 * from the threads the JVM does not list (Linux's {@code /proc/self/task}, by their names), its JIT compilers, its
 * garbage collector and RocksDB's background threads (the stores' flushes and compactions); {@code native_other} is
 * the rest of the process's CPU (other native threads, such as ND4J's).
 */
final class ThreadCpuTimes {

    /** What a thread is, from its name. */
    enum Kind {
        STREAM_THREADS("stream_threads", "stream threads"),
        KAFKA_CLIENTS("kafka_clients", "Kafka clients' I/O"),
        BROKER("broker", "broker"),
        BENCH("bench", "bench label reader"),
        OTHER_THREADS("other_threads", "other threads"),
        JIT("jit", "JIT compilers"),
        GC("gc", "garbage collector and VM thread"),
        ROCKSDB("rocksdb", "RocksDB background"),
        NATIVE_OTHER("native_other", "other native threads");

        private final String key;
        private final String label;

        Kind(String key, String label) {
            this.key = key;
            this.label = label;
        }

        String key() {
            return key;
        }

        static Kind of(String threadName) {
            if (threadName.startsWith("kafka-producer-network-thread") || threadName.startsWith("kafka-coordinator")
                    || threadName.startsWith("consumer_background_thread")) {
                return KAFKA_CLIENTS;
            }
            if (threadName.contains("-StreamThread-")) {
                return STREAM_THREADS;
            }
            if (threadName.startsWith("bench-")) {
                return BENCH;
            }
            for (String prefix : BROKER_PREFIXES) {
                if (threadName.startsWith(prefix)) {
                    return BROKER;
                }
            }
            return OTHER_THREADS;
        }

        /** The kind of a thread the JVM does not list, by its Linux name; {@code null}: a Java thread's name. */
        static Kind ofNative(String comm) {
            if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                return JIT;
            }
            if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")) {
                return GC;
            }
            if (comm.startsWith("rocksdb:")) {
                return ROCKSDB;
            }
            return null;
        }
    }

    /** Linux's clock ticks per second in {@code /proc} CPU times (USER_HZ, 100 on every current Linux). */
    private static final long TICKS_PER_SECOND = 100;

    /** Thread names of a KRaft broker and controller (Kafka 4.x) begin with one of these. */
    private static final String[] BROKER_PREFIXES = {
        "data-plane-", "kafka-", "broker-", "controller-", "quorum-controller", "raft-", "ExpirationReaper-",
        "group-coordinator", "share-coordinator", "transaction-", "TxnMarkerSenderThread", "LogDirFailureHandler",
        "log-cleaner", "executor-", "AddPartitionsToTxnSenderThread", "feature-zk-node", "metadata-loader",
        "snapshot-generator", "event-process-thread", "ReplicaFetcherThread", "ReplicaAlterLogDirsThread",
        "node-", "client-metrics", "persister-", "EventHandler", "SocketServer",
    };

    private final long nanoTime;
    private final long processCpuNanos;
    private final Map<Long, Long> threadCpuNanos;   // thread id -> CPU nanoseconds
    private final Map<Long, String> threadNames;
    private final Map<Kind, Long> nativeCpuNanos;   // JIT, GC, RocksDB: summed over their live threads

    private ThreadCpuTimes(long nanoTime, long processCpuNanos, Map<Long, Long> threadCpuNanos,
            Map<Long, String> threadNames, Map<Kind, Long> nativeCpuNanos) {
        this.nanoTime = nanoTime;
        this.processCpuNanos = processCpuNanos;
        this.threadCpuNanos = threadCpuNanos;
        this.threadNames = threadNames;
        this.nativeCpuNanos = nativeCpuNanos;
    }

    /** When this snapshot was taken ({@link System#nanoTime()}). */
    long nanoTime() {
        return nanoTime;
    }

    /** Every live thread's CPU time now (threads that end before the next snapshot drop out of it). */
    static ThreadCpuTimes now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long nanos = threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(ids[i]) : -1;
            if (infos[i] != null && nanos >= 0) {
                cpu.put(ids[i], nanos);
                names.put(ids[i], infos[i].getThreadName());
            }
        }
        return new ThreadCpuTimes(System.nanoTime(), processCpuNanos(), cpu, names, nativeCpuNanos());
    }

    /** CPU of the JVM's own threads and RocksDB's, from {@code /proc/self/task} (none where there is no such). */
    private static Map<Kind, Long> nativeCpuNanos() {
        Map<Kind, Long> cpu = new EnumMap<>(Kind.class);
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return cpu;
        }
        try (var list = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) list::iterator) {
                try {
                    Kind kind = Kind.ofNative(Files.readString(task.resolve("comm")).strip());
                    if (kind != null) {
                        cpu.merge(kind, cpuNanos(Files.readString(task.resolve("stat"))), Long::sum);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read: it no longer counts
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return cpu;
    }

    /** User + system time of a {@code /proc/.../stat} line: fields 14 and 15, after the parenthesised name. */
    static long cpuNanos(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * Cores each kind kept busy from {@code before} to this snapshot: its threads' CPU time over the wall time
     * between them. A thread started in between counts from 0; one that ended in between is missing from both
     * thread sums, and {@code native_other} (process minus every thread counted) then holds it.
     */
    Map<Kind, Double> coresSince(ThreadCpuTimes before) {
        double wall = (nanoTime - before.nanoTime);
        Map<Kind, Double> cores = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            cores.put(kind, 0.0);
        }
        long threadsTotal = 0;
        for (Map.Entry<Long, Long> e : threadCpuNanos.entrySet()) {
            long used = usedSince(e, before);
            threadsTotal += used;
            cores.merge(Kind.of(threadNames.get(e.getKey())), used / wall, Double::sum);
        }
        long nativeTotal = 0;
        for (Kind kind : new Kind[] {Kind.JIT, Kind.GC, Kind.ROCKSDB}) {
            long used = Math.max(0, nativeCpuNanos.getOrDefault(kind, 0L) - before.nativeCpuNanos.getOrDefault(kind,
                    0L));
            nativeTotal += used;
            cores.put(kind, used / wall);
        }
        if (processCpuNanos >= 0 && before.processCpuNanos >= 0) {
            cores.put(Kind.NATIVE_OTHER, Math.max(0, processCpuNanos - before.processCpuNanos - threadsTotal
                    - nativeTotal) / wall);
        }
        return cores;
    }

    /** CPU nanoseconds a thread ({@code id -> CPU now}) used since {@code before}; from 0 if it started since. */
    private static long usedSince(Map.Entry<Long, Long> thread, ThreadCpuTimes before) {
        return thread.getValue() - before.threadCpuNanos.getOrDefault(thread.getKey(), 0L);
    }

    /** The names of the threads counted as {@code kind}, busiest first (for a look at what "other" holds). */
    String namesOf(Kind kind, ThreadCpuTimes before) {
        return threadCpuNanos.entrySet().stream()
                .filter(e -> Kind.of(threadNames.get(e.getKey())) == kind)
                .sorted((a, b) -> Long.compare(usedSince(b, before), usedSince(a, before)))
                .limit(5)
                .map(e -> threadNames.get(e.getKey()))
                .collect(Collectors.joining(", "));
    }

    /** One line: {@code cores busy: stream threads 1.10, broker 0.52, ...}. */
    static String describe(Map<Kind, Double> cores) {
        return cores.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey().label, e.getValue()))
                .collect(Collectors.joining(", ", "cores busy: ", String.format(Locale.ROOT, " (of %d)",
                        Runtime.getRuntime().availableProcessors())));
    }
}
