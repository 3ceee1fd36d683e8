package io.tagstream.model.bench;

import java.util.concurrent.atomic.AtomicLong;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordingStream;

/**
 * The Vector API objects this JVM allocates while a bench runs, estimated from JFR's allocation samples
 * ({@code jdk.ObjectAllocationSample}: each sample's weight is the bytes its thread allocated since its previous
 * sample, so the weights of the samples of a class sum to an estimate of the bytes allocated as that class). Once C2
 * has compiled the lane kernels with their vectors in registers they allocate nothing; a JVM where C2 compiled a
 * kernel with its Vector API calls out of line allocates a box for every vector it makes, and runs that kernel many
 * times slower (session 28 saw one: a pipeline suite a third slower than another of the same jar). The benches report
 * these bytes so that a suite says which of the two it measured. Only the boxes count (a {@code Float256Vector} is 16
 * bytes; its payload is a {@code float[]} and counts in all bytes only), and the samples favour larger objects, so
 * the figure is an indicator, several times below the bytes boxing costs (VectorBoxingTest: about a fifteenth of the
 * boxes' own bytes). Samples reach the counters about a second after their allocation (JFR's flush), and those of
 * the last second before {@link #close} may not.
 */
public final class VectorBoxing implements AutoCloseable {

    private static final String SAMPLE_EVENT = "jdk.ObjectAllocationSample";
    private static final String VECTOR_PACKAGE = "jdk.incubator.vector.";

    private final RecordingStream stream = new RecordingStream();
    private final AtomicLong vectorBytes = new AtomicLong();
    private final AtomicLong allBytes = new AtomicLong();

    private VectorBoxing() {
        stream.enable(SAMPLE_EVENT).with("throttle", "1000/s");
        stream.onEvent(SAMPLE_EVENT, event -> {
            long weight = event.getLong("weight");
            allBytes.addAndGet(weight);
            RecordedClass type = event.getClass("objectClass");
            if (type != null && type.getName().startsWith(VECTOR_PACKAGE)) {
                vectorBytes.addAndGet(weight);
            }
        });
        stream.startAsync();
    }

    /** Starts counting (a JFR recording stream of this JVM's allocation samples, on a thread of its own). */
    public static VectorBoxing start() {
        return new VectorBoxing();
    }

    /** Estimated bytes allocated as Vector API objects ({@code jdk.incubator.vector.*}) so far. */
    public long vectorBytes() {
        return vectorBytes.get();
    }

    /** Estimated bytes allocated as any object so far. */
    public long allBytes() {
        return allBytes.get();
    }

    @Override
    public void close() {
        stream.close();
    }
}
