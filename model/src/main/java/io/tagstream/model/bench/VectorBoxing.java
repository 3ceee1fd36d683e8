package io.tagstream.model.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingStream;

/**
 * The Vector API objects this JVM allocates while a bench runs, estimated from JFR's allocation samples
 * ({@code jdk.ObjectAllocationSample}: each sample's weight is the bytes its thread allocated since its previous
 * sample, so the weights of the samples of a class sum to an estimate of the bytes allocated as that class). Once C2
 * has compiled the lane kernels with their vectors in registers they allocate nothing; a JVM where C2 compiled a
 * kernel with its Vector API calls out of line allocates a box for every vector it makes, and runs that kernel many
 * times slower (session 28 saw one: a pipeline suite a third slower than another of the same jar). The benches report
 * these bytes so that a suite says which of the two it measured. A sample counts as a vector when its object is of
 * the Vector API's classes (a {@code Float256Vector} box) or was made by the Vector API's code (the box's payload, a
 * {@code float[]}): JFR samples the allocation that opens a new thread-local buffer, and in a loop that makes the
 * same objects over and over that can be the payload every time (measured: no box sampled in a second of boxing).
 * Samples reach the counters about a second after their allocation (JFR's flush), and those of the last second
 * before {@link #close} may not; {@link #awaitSamplesUntil} waits for them, and {@link #vectorBytesBetween} counts
 * the samples of one measured stretch by their time.
 */
public final class VectorBoxing implements AutoCloseable {

    private static final String SAMPLE_EVENT = "jdk.ObjectAllocationSample";
    private static final String VECTOR_PACKAGE = "jdk.incubator.vector.";

    private final RecordingStream stream = new RecordingStream();
    private final AtomicLong vectorBytes = new AtomicLong();
    private final AtomicLong allBytes = new AtomicLong();
    private final Map<String, Long> vectorBytesBySite = new ConcurrentHashMap<>();
    /** The vector samples' times (epoch nanoseconds) and weights, in arrival order; at most {@link #KEPT}. */
    private final List<long[]> vectorSamples = new ArrayList<>();
    /** The latest allocation time of any sample delivered so far (epoch nanoseconds). */
    private final AtomicLong latestSample = new AtomicLong(Long.MIN_VALUE);

    /** Vector samples kept for {@link #vectorBytesBetween}: over 16 minutes of samples at JFR's 1,000 a second. */
    private static final int KEPT = 1_000_000;

    private VectorBoxing() {
        stream.enable(SAMPLE_EVENT).with("throttle", "1000/s");
        stream.onEvent(SAMPLE_EVENT, event -> {
            long weight = event.getLong("weight");
            long at = epochNanos(event.getStartTime());
            allBytes.addAndGet(weight);
            latestSample.accumulateAndGet(at, Math::max);
            RecordedClass type = event.getClass("objectClass");
            RecordedStackTrace trace = event.getStackTrace();
            if (type != null && type.getName().startsWith(VECTOR_PACKAGE) || madeByTheVectorApi(trace)) {
                vectorBytes.addAndGet(weight);
                vectorBytesBySite.merge(site(trace), weight, Long::sum);
                synchronized (vectorSamples) {
                    if (vectorSamples.size() < KEPT) {
                        vectorSamples.add(new long[] {at, weight});
                    }
                }
            }
        });
        stream.startAsync();
    }

    /** Starts counting (a JFR recording stream of this JVM's allocation samples, on a thread of its own). */
    public static VectorBoxing start() {
        return new VectorBoxing();
    }

    /** Estimated bytes allocated as Vector API objects so far: their boxes and the payloads the Vector API made. */
    public long vectorBytes() {
        return vectorBytes.get();
    }

    /**
     * Estimated bytes allocated as Vector API objects from {@code from} to {@code to} (the samples delivered so
     * far whose allocation lies in that stretch: call {@link #awaitSamplesUntil awaitSamplesUntil(to)} first).
     */
    public long vectorBytesBetween(Instant from, Instant to) {
        long start = epochNanos(from);
        long end = epochNanos(to);
        long bytes = 0;
        synchronized (vectorSamples) {
            for (long[] sample : vectorSamples) {
                if (sample[0] >= start && sample[0] < end) {
                    bytes += sample[1];
                }
            }
        }
        return bytes;
    }

    /**
     * Waits until a sample allocated at or after {@code time} has been delivered (then every earlier one has), at
     * most {@code timeout}; returns whether one was. While it waits it allocates a little, so that there is a later
     * allocation to sample (JFR samples allocations, and a quiet JVM makes none).
     */
    public boolean awaitSamplesUntil(Instant time, Duration timeout) throws InterruptedException {
        long target = epochNanos(time);
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[][] ballast = new byte[16][];
        for (int i = 0; latestSample.get() < target && System.nanoTime() < deadline; i++) {
            ballast[i & 15] = new byte[1 << 20];     // allocated outside the thread-local buffers: sampled
            Thread.sleep(20);
        }
        return latestSample.get() >= target;
    }

    /** Estimated bytes allocated as any object so far. */
    public long allBytes() {
        return allBytes.get();
    }

    /**
     * Where the Vector API objects were allocated, largest share first, e.g. "VectorLaneKernels.mix:71 82 %,
     * ConvLayer.forward:140 18 %": for each sample, the first frame of its stack outside the JDK's own packages (the
     * code that made the vector); "none" before any.
     */
    public String sites(int most) {
        long total = vectorBytesBySite.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "none";
        }
        return vectorBytesBySite.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(most)
                .map(e -> String.format(Locale.ROOT, "%s %.0f %%", e.getKey(), 100.0 * e.getValue() / total))
                .collect(Collectors.joining(", "));
    }

    /**
     * Whether the first frame outside {@code java.*} is the Vector API's: a vector's payload array is a
     * {@code float[]}, made by the Vector API's code as it boxes a vector.
     */
    private static boolean madeByTheVectorApi(RecordedStackTrace trace) {
        RecordedFrame frame = firstFrameOutside(trace, "java.");
        String type = frame == null ? "" : frame.getMethod().getType().getName();
        return type.startsWith(VECTOR_PACKAGE) || type.startsWith("jdk.internal.vm.vector.");
    }

    /** "Class.method:line" of the first frame outside the JDK's packages, or "unknown". */
    private static String site(RecordedStackTrace trace) {
        RecordedFrame frame = firstFrameOutside(trace, "java.", "jdk.");
        if (frame == null) {
            return "unknown";
        }
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName() + ":"
                + frame.getLineNumber();
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** The first frame of {@code trace} with a method whose class is in none of {@code packages}; null if none. */
    private static RecordedFrame firstFrameOutside(RecordedStackTrace trace, String... packages) {
        if (trace == null) {
            return null;
        }
        for (RecordedFrame frame : trace.getFrames()) {
            if (frame.getMethod() == null || frame.getMethod().getType() == null) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            if (Arrays.stream(packages).noneMatch(type::startsWith)) {
                return frame;
            }
        }
        return null;
    }

    @Override
    public void close() {
        stream.close();
    }
}
