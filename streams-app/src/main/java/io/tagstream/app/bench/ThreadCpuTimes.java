package io.tagstream.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The CPU time of this JVM (the bench runs the broker, the app and the label reader in one), by thread, at one
 * moment; {@link #since} says how many cores each kind of thread kept busy between two such moments. Kinds follow
 * the thread names Kafka gives: the app's stream threads ({@code CLIENT-StreamThread-N}), Kafka clients' network and
 * heartbeat threads (the app's producers and consumers), the broker's threads, the bench's own label reader, and what
 * the JVM spends outside Java threads (garbage collection, the JIT: process CPU minus every thread's).
 */
final class ThreadCpuTimes {

    /** What a thread is, from its name. */
    enum Kind {
        STREAM_THREADS("stream_threads", "stream threads"),
        KAFKA_CLIENTS("kafka_clients", "Kafka clients' I/O"),
        BROKER("broker", "broker"),
        BENCH("bench", "bench label reader"),
        OTHER_THREADS("other_threads", "other threads"),
        JVM("jvm", "JVM (GC, JIT)");

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
    }

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

    private ThreadCpuTimes(long nanoTime, long processCpuNanos, Map<Long, Long> threadCpuNanos,
            Map<Long, String> threadNames) {
        this.nanoTime = nanoTime;
        this.processCpuNanos = processCpuNanos;
        this.threadCpuNanos = threadCpuNanos;
        this.threadNames = threadNames;
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
        return new ThreadCpuTimes(System.nanoTime(), processCpuNanos(), cpu, names);
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
     * thread sums, and the JVM figure (process minus threads) then holds it.
     */
    Map<Kind, Double> coresSince(ThreadCpuTimes before) {
        double wall = (nanoTime - before.nanoTime);
        Map<Kind, Double> cores = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            cores.put(kind, 0.0);
        }
        long threadsTotal = 0;
        for (Map.Entry<Long, Long> e : threadCpuNanos.entrySet()) {
            long used = e.getValue() - before.threadCpuNanos.getOrDefault(e.getKey(), 0L);
            threadsTotal += used;
            cores.merge(Kind.of(threadNames.get(e.getKey())), used / wall, Double::sum);
        }
        if (processCpuNanos >= 0 && before.processCpuNanos >= 0) {
            cores.put(Kind.JVM, Math.max(0, processCpuNanos - before.processCpuNanos - threadsTotal) / wall);
        }
        return cores;
    }

    /** The names of the threads counted as {@code kind}, busiest first (for a look at what "other" holds). */
    String namesOf(Kind kind, ThreadCpuTimes before) {
        return threadCpuNanos.entrySet().stream()
                .filter(e -> Kind.of(threadNames.get(e.getKey())) == kind)
                .sorted((a, b) -> Long.compare(b.getValue() - before.threadCpuNanos.getOrDefault(b.getKey(), 0L),
                        a.getValue() - before.threadCpuNanos.getOrDefault(a.getKey(), 0L)))
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
