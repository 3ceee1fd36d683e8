package io.tagstream.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tagstream.app.bench.ThreadCpuTimes.Kind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadCpuTimesTest {

    @Test
    void kindsFollowKafkasThreadNames() {
        assertEquals(Kind.STREAM_THREADS, Kind.of("tagstream-9f3e-StreamThread-1"));
        assertEquals(Kind.KAFKA_CLIENTS,
                Kind.of("kafka-producer-network-thread | tagstream-9f3e-StreamThread-1-producer"));
        assertEquals(Kind.KAFKA_CLIENTS, Kind.of("kafka-coordinator-heartbeat-thread | tagstream"));
        assertEquals(Kind.BROKER, Kind.of("data-plane-kafka-request-handler-0"));
        assertEquals(Kind.BROKER, Kind.of("quorum-controller-1-event-handler"));
        assertEquals(Kind.BROKER, Kind.of("kafka-1-raft-io-thread"));
        assertEquals(Kind.BENCH, Kind.of("bench-label-arrivals"));
        assertEquals(Kind.OTHER_THREADS, Kind.of("main"));
        assertEquals(Kind.JIT, Kind.ofNative("C2 CompilerThre"));
        assertEquals(Kind.GC, Kind.ofNative("GC Thread#1"));
        assertEquals(Kind.GC, Kind.ofNative("G1 Conc#0"));
        assertEquals(Kind.ROCKSDB, Kind.ofNative("rocksdb:low"));
        assertEquals(null, Kind.ofNative("tagstream-bench"), "a Java thread's name: counted by the JVM's list");
    }

    /** utime and stime are the 14th and 15th fields; a thread name may hold spaces and parentheses. */
    @Test
    void readsUserAndSystemTicksOfAProcStatLine() {
        String stat = "27613 (C2 Compiler (x) y) S 27599 27599 1 0 -1 4194368 12 0 0 0 1500 306 0 0 20 0 1 0 7 0 0";
        assertEquals((1500 + 306) * 10_000_000L, ThreadCpuTimes.cpuNanos(stat));
    }

    /** A thread named as a stream thread burns 150 ms of CPU: at least that much is counted as stream threads. */
    @Test
    void countsABusyThreadsCpuAsItsKind() throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CountDownLatch busyDone = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        ThreadCpuTimes before = ThreadCpuTimes.now();
        Thread worker = new Thread(() -> {
            long start = mx.getCurrentThreadCpuTime();
            double sink = 0;
            for (int i = 0; i < 10_000_000 && mx.getCurrentThreadCpuTime() - start < 150_000_000L; i++) {
                for (int j = 0; j < 1_000; j++) {
                    sink += Math.sqrt(i + j);
                }
            }
            busyDone.countDown();
            try {
                measured.await(30, TimeUnit.SECONDS); // alive until the second snapshot: ended threads drop out
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (sink < 0) {
                throw new AssertionError(sink);
            }
        }, "test-StreamThread-1");
        worker.start();
        assertTrue(busyDone.await(60, TimeUnit.SECONDS), "the worker finished its CPU work");
        ThreadCpuTimes after = ThreadCpuTimes.now();
        measured.countDown();
        worker.join(30_000);

        double wallSeconds = (after.nanoTime() - before.nanoTime()) / 1e9;
        Map<Kind, Double> cores = after.coresSince(before);
        double streamCpuSeconds = cores.get(Kind.STREAM_THREADS) * wallSeconds;
        assertTrue(streamCpuSeconds >= 0.150, "stream-thread CPU " + streamCpuSeconds + " s");
        assertTrue(after.namesOf(Kind.STREAM_THREADS, before).contains("test-StreamThread-1"));
        for (double busy : cores.values()) {
            assertTrue(busy >= 0, cores.toString());
        }
    }
}
