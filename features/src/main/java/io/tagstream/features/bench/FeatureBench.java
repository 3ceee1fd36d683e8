package io.tagstream.features.bench;

import io.tagstream.features.FeatureSpec;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.features.TarsosFeatureExtractor;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.Random;

/**
 * Throughput of the streaming feature extractor at {@link FeatureSpec#DEFAULT}: 60 s of seeded white noise fed in
 * 100 ms chunks (as audio arrives from Kafka), 3 warm-up runs, then 7 timed runs; prints the median run as frames per
 * second and as a multiple of real time. Run it alone on a quiet machine; it is a measurement, not a test.
 */
public final class FeatureBench {

    private static final int SECONDS = 60;
    private static final int WARM_UP_RUNS = 3;
    private static final int TIMED_RUNS = 7;
    private static final long SEED = 20_240_601L;

    private FeatureBench() {
    }

    /** Measures, prints one line to {@code out}, and returns the figures by name. */
    public static Map<String, Double> run(PrintStream out) {
        FeatureSpec spec = FeatureSpec.DEFAULT;
        int chunk = spec.sampleRate() / 10;
        float[][] chunks = chunks(seededNoise(spec.sampleRate() * SECONDS), chunk); // [600][1600]
        long frames = 0;
        for (int run = 0; run < WARM_UP_RUNS; run++) {
            frames = streamOnce(spec, chunks);
        }
        long[] nanos = new long[TIMED_RUNS];
        for (int run = 0; run < TIMED_RUNS; run++) {
            long start = System.nanoTime();
            frames = streamOnce(spec, chunks);
            nanos[run] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double medianSeconds = nanos[TIMED_RUNS / 2] / 1e9;
        out.printf(Locale.ROOT, "features.streaming %s: %d s audio, %d frames, chunk %d samples, median of %d runs"
                        + " %.1f ms (min %.1f, max %.1f): %.0f frames/s, %.0fx real time%n",
                spec.kind(), SECONDS, frames, chunk, TIMED_RUNS, medianSeconds * 1e3, nanos[0] / 1e6,
                nanos[TIMED_RUNS - 1] / 1e6, frames / medianSeconds, SECONDS / medianSeconds);
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("features_streaming_fps", frames / medianSeconds);
        figures.put("features_x_real_time", SECONDS / medianSeconds);
        return figures;
    }

    /** Streams the whole signal through a fresh extractor; returns the frame count (also keeps the JIT honest). */
    private static long streamOnce(FeatureSpec spec, float[][] chunks) {
        StreamingFeatureExtractor stream = new StreamingFeatureExtractor(new TarsosFeatureExtractor(spec));
        long frames = 0;
        double checksum = 0;
        for (float[] chunk : chunks) {
            for (float[] frame : stream.accept(chunk)) {
                frames++;
                checksum += frame[0];
            }
        }
        if (Double.isNaN(checksum)) {
            throw new IllegalStateException("NaN feature");
        }
        return frames;
    }

    private static float[][] chunks(float[] pcm, int chunk) {
        float[][] chunks = new float[(pcm.length + chunk - 1) / chunk][];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = Arrays.copyOfRange(pcm, i * chunk, Math.min(pcm.length, (i + 1) * chunk));
        }
        return chunks;
    }

    private static float[] seededNoise(int samples) {
        Random random = new Random(SEED);
        float[] pcm = new float[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (float) (0.25 * random.nextGaussian());
        }
        return pcm;
    }
}
