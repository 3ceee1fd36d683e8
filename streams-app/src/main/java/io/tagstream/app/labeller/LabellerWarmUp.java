package io.tagstream.app.labeller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs a labeller on made-up streams before the app takes real ones, so that the JIT has compiled its inner loops
 * (the model's Vector API kernels run many times slower before C2 has them) before the first live frame waits on
 * them. The streams are the labeller's own throwaway sessions: nothing of them reaches a topic, a store or a real
 * stream's state, so labels are the same with and without it.
 *
 * <p>Measured with the default model in a fresh JVM (16 streams, a frame each per call): about 4,000 us per frame in
 * the first 0.3 s, 90 after 2 s, 50 once compiled. In the app the compile queue is shared with Kafka's tens of
 * thousands of methods, so warming the model first, before Kafka Streams starts, gets it there sooner.
 */
public final class LabellerWarmUp {

    /** Streams fed side by side, a frame each per call (the shape of the probe measured above). */
    static final int STREAMS = 16;

    /** Frames per stream before the streams are ended and fresh ones opened: every path of a stream's life. */
    static final int FRAMES_PER_STREAM = 400;

    private LabellerWarmUp() {
    }

    /** What a warm-up did: frames fed, for how long, and the time per frame of its last call. */
    public record Outcome(long frames, Duration took, double lastCallMicrosPerFrame) {
    }

    /**
     * Feeds {@link #STREAMS} throwaway streams of seeded random frames, a frame each per call, until {@code budget}
     * has passed (at least one call; none for a zero budget).
     */
    public static Outcome run(StreamLabeller labeller, Duration budget) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("warm-up budget must be >= 0, got " + budget);
        }
        if (budget.isZero()) {
            return new Outcome(0, Duration.ZERO, Double.NaN);
        }
        SplittableRandom random = new SplittableRandom(7);
        int dims = labeller.featureSpec().dims();
        long start = System.nanoTime();
        long end = start + budget.toNanos();
        long frames = 0;
        double lastMicros = Double.NaN;
        List<StreamLabeller.Session> sessions = openAll(labeller);
        int fed = 0;
        do {
            List<float[][]> chunks = new ArrayList<>(STREAMS);
            for (int s = 0; s < STREAMS; s++) {
                float[] frame = new float[dims];
                for (int d = 0; d < dims; d++) {
                    frame[d] = (float) (random.nextDouble() * 2 - 1);
                }
                chunks.add(new float[][] {frame});
            }
            long call = System.nanoTime();
            labeller.advance(sessions, chunks);
            lastMicros = (System.nanoTime() - call) / 1e3 / STREAMS;
            frames += STREAMS;
            if (++fed == FRAMES_PER_STREAM) {
                sessions.forEach(labeller::finish);
                sessions = openAll(labeller);
                fed = 0;
            }
        } while (System.nanoTime() < end);
        sessions.forEach(labeller::finish);
        return new Outcome(frames, Duration.ofNanos(System.nanoTime() - start), lastMicros);
    }

    private static List<StreamLabeller.Session> openAll(StreamLabeller labeller) {
        List<StreamLabeller.Session> sessions = new ArrayList<>(STREAMS);
        for (int s = 0; s < STREAMS; s++) {
            sessions.add(labeller.open(0, new float[0][]));
        }
        return sessions;
    }
}
