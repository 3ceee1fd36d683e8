package io.tagstream.model.bench;

import io.tagstream.model.Activation;
import io.tagstream.model.Encoder;
import io.tagstream.model.EncoderConfig;
import io.tagstream.model.EncoderWeights;
import io.tagstream.model.Gemm;
import io.tagstream.model.GemmChoice;
import io.tagstream.model.InferenceOptions;
import io.tagstream.model.JavaGemm;
import io.tagstream.model.Nd4jGemm;
import io.tagstream.model.RowInvariance;
import io.tagstream.model.StreamState;
import io.tagstream.model.WeightTensor;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;

/**
 * Speed of the encoder on the reference shape (4 layers, dModel 128, 4 heads, feed-forward 512, L = 64, R = 0,
 * 40 features, 4 labels): streaming one frame per call, chunks of 10 and 50, batched streaming across 64 and 256
 * streams (one thread, and two), offline (one and two threads); per-frame cost at stream age 1k vs 1M frames; cost
 * vs L; the GELU variant; achieved GFLOP/s against a bare {@code Nd4j.gemm} and a plain-Java GEMM of the same
 * shapes in the same run, and each headline figure's ratio to its baseline ({@code ..._vs_...}). The model runs on the
 * engine of {@link Options#gemm} (the table's header names it). Prints a table, or with {@code --json} one JSON
 * object name -> number. Run with {@code OMP_NUM_THREADS=1}. Given a model ({@link Options#model}), the streaming,
 * batched, offline and age figures, the model's GFLOP/s and the GEMM baselines are of that model (its front end
 * counted), and the reference-shape figures (cost vs L, GELU) are left out. {@code vector_boxed_mb} and
 * {@code allocated_mb}: what the JVM allocated during the streaming, batched, offline and age figures, as Vector API
 * objects and in all ({@link VectorBoxing}): warm-ups box vectors until C2 compiles the kernels, a run whose
 * kernels stayed out of line boxes them throughout. So each of those figures also has its own
 * {@code ..._vector_boxed_bytes_per_frame}: the Vector API objects of its measured stretch (not its warm-up) per
 * frame, near 0 when its kernels ran with their vectors in registers. Before the first figure the suite warms up
 * every path it measures until C2 has compiled their kernels ({@link #warmUp}: {@code warm_up_s},
 * {@code warm_up_rounds}).
 */
public final class ModelBench {

    /**
     * @param json             print one JSON object instead of a table
     * @param secondsPerFigure measuring time of each figure (after an equal warm-up, at least 0.2 s)
     * @param seed             seed of the random weights and frames
     * @param model            weights to measure instead of the random reference encoder; null for the reference
     * @param gemm             the engine of the model's matrix work in the streaming, batched and offline figures
     *                         (the streams app's is {@link GemmChoice#ND4J_ROW_INVARIANT})
     */
    public record Options(boolean json, double secondsPerFigure, long seed, EncoderWeights model, GemmChoice gemm) {

        /** The reference encoder on the streams app's engine. */
        public Options(boolean json, double secondsPerFigure, long seed) {
            this(json, secondsPerFigure, seed, null, GemmChoice.ND4J_ROW_INVARIANT);
        }

        public Options {
            if (!(secondsPerFigure > 0) || secondsPerFigure > 600) {
                throw new IllegalArgumentException("seconds per figure must be in (0, 600], got " + secondsPerFigure);
            }
            if (gemm == null) {
                throw new IllegalArgumentException("the engine (gemm) is required");
            }
        }
    }

    /** The longest whole-suite warm-up before the first figure, in seconds per figure (60 s at the default 2 s). */
    private static final double WARM_UP_LIMIT_FIGURES = 30;
    /** Seconds each path runs in a warm-up round, at most (less when a figure is measured for less). */
    private static final double WARM_UP_SECONDS_PER_PATH = 0.5;

    /** The reference shape of the benchmark. */
    public static final EncoderConfig REFERENCE = EncoderConfig.standard(40, 4).withSpan(64, 0);

    private final Options options;
    private final Map<String, Double> figures = new LinkedHashMap<>();
    /** The measured stretch of each figure that {@link #measured} took. */
    private final Map<String, Stretch> stretches = new LinkedHashMap<>();
    private Stretch lastStretch;
    private String vectorBoxingSites = "none";
    private final float[][] framePool;

    private final EncoderWeights weights;

    private ModelBench(Options options) {
        this.options = options;
        this.weights = options.model() != null ? options.model() : EncoderWeights.random(REFERENCE, options.seed());
        this.framePool = randomFrames(new Random(options.seed()), 8_192, weights.config().inputDims());
    }

    /** Measures every figure, prints them to standard output and returns them by name. */
    public static Map<String, Double> run(Options options) {
        return run(options, System.out);
    }

    /** Measures every figure, prints them to {@code out} and returns them by name. */
    public static Map<String, Double> run(Options options, PrintStream out) {
        ModelBench bench = new ModelBench(options);
        bench.measureAll();
        if (options.json()) {
            out.println(BenchReport.json(bench.figures));
        } else {
            out.print(BenchReport.table(bench.figures, bench.weights.config(), engine(options)));
            out.println("  Vector API objects allocated at: " + bench.vectorBoxingSites);
        }
        return bench.figures;
    }

    /** What runs the measured encoder's matrix work ({@link Encoder#engine()}) with these options. */
    public static String engine(Options options) {
        EncoderWeights weights = options.model() != null ? options.model() : EncoderWeights.random(REFERENCE, 1);
        try (Encoder encoder = Encoder.create(weights, InferenceOptions.defaults(weights.config())
                .withGemm(options.gemm()))) {
            return encoder.engine();
        }
    }

    private void measureAll() {
        InferenceOptions defaults = engine(weights.config());
        try (VectorBoxing boxing = VectorBoxing.start();
             Encoder encoder = Encoder.create(weights, defaults);
             Encoder twoThreads = Encoder.create(weights, defaults.withThreads(2))) {
            warmUp(encoder, boxing);
            measured("stream_1frame_fps", streaming(encoder, 1));
            measured("stream_chunk10_fps", streaming(encoder, 10));
            measured("stream_chunk50_fps", streaming(encoder, 50));
            measured("batched_64x1_fps", batched(encoder, 64, 1));
            measured("batched_256x1_fps", batched(encoder, 256, 1));
            measured("batched_256x10_fps", batched(encoder, 256, 10));
            measured("batched_256x1_2threads_fps", batched(twoThreads, 256, 1));
            measured("offline_fps", offline(encoder, 30_000));
            measured("offline_2threads_fps", offline(twoThreads, 30_000));
            ageFigures(encoder);
            boxedFigures(boxing);
        }
        if (options.model() == null) {
            EncoderConfig gelu = REFERENCE.withArchitecture(REFERENCE.positionEncoding(), REFERENCE.normPlacement(),
                    Activation.GELU);
            figures.put("stream_chunk50_gelu_fps", streaming(Encoder.create(EncoderWeights.random(gelu, 1),
                    engine(gelu)), 50));
            spanFigures();
        }
        gflopFigures(weights.config());
        ratioFigures();
    }

    /**
     * Runs every path the figures measure (one frame per call, chunks of 10, 64 streams batched, offline) in rounds
     * until a round allocates no Vector API objects (C2 has compiled their kernels with the vectors in registers), at
     * most {@link #WARM_UP_LIMIT_FIGURES} times the seconds of a figure. Each figure's own warm-up is too short for that on a slow machine: the first
     * figures then measured the JIT's warm-up (session 30, before this: one frame per call 167 frames/s with 2.2 MB of
     * vector boxes per frame, chunks of 10 854 frames/s with 1.2 MB, every later figure 0 bytes).
     */
    private void warmUp(Encoder encoder, VectorBoxing boxing) {
        long started = System.nanoTime();
        long limit = (long) (WARM_UP_LIMIT_FIGURES * options.secondsPerFigure() * 1e9);
        double perPath = Math.min(WARM_UP_SECONDS_PER_PATH, options.secondsPerFigure());
        int rounds = 0;
        long boxed;
        do {
            Instant from = Instant.now();
            runFor(perPath, streamingWork(encoder, 1));
            runFor(perPath, streamingWork(encoder, 10));
            runFor(perPath, batchedWork(encoder, 64, 1));
            runFor(perPath, offlineWork(encoder, 3_000));
            Instant to = Instant.now();
            rounds++;
            awaitSamples(boxing, to);
            boxed = boxing.vectorBytesBetween(from, to);
        } while (boxed > 0 && System.nanoTime() - started < limit);
        figures.put("warm_up_s", (System.nanoTime() - started) / 1e9);
        figures.put("warm_up_rounds", (double) rounds);
        figures.put("warm_up_last_round_vector_boxed_mb", boxed / 1e6);
    }

    /** Waits (at most 10 s) for JFR's allocation samples up to {@code time}; says so on stderr if they do not come. */
    private static void awaitSamples(VectorBoxing boxing, Instant time) {
        try {
            if (!boxing.awaitSamplesUntil(time, Duration.ofSeconds(10))) {
                System.err.println("model bench: JFR's allocation samples did not come within 10 s; the Vector API "
                        + "bytes may miss some");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Puts the figure {@code name} and keeps the stretch it was measured in. */
    private void measured(String name, double value) {
        figures.put(name, value);
        stretches.put(name, lastStretch);
    }

    /**
     * The Vector API objects allocated during the figures so far, in all ({@code vector_boxed_mb}, with every
     * allocation as {@code allocated_mb}) and per frame of each figure's measured stretch.
     */
    private void boxedFigures(VectorBoxing boxing) {
        awaitSamples(boxing, lastStretch.end());
        stretches.forEach((name, stretch) -> figures.put(name.replaceFirst("_(fps|us_per_frame)$", "")
                + "_vector_boxed_bytes_per_frame", boxing.vectorBytesBetween(stretch.start(), stretch.end())
                / (double) stretch.frames()));
        figures.put("vector_boxed_mb", boxing.vectorBytes() / 1e6);
        figures.put("allocated_mb", boxing.allBytes() / 1e6);
        vectorBoxingSites = boxing.sites(4);
    }

    /** The default inference options of {@code config} on the measured engine. */
    private InferenceOptions engine(EncoderConfig config) {
        return InferenceOptions.defaults(config).withGemm(options.gemm());
    }

    /** Each headline figure against its baseline measured in this run (1.0 = as fast as the baseline). */
    private void ratioFigures() {
        ratio("batched_256x1_vs_offline", "batched_256x1_fps", "offline_fps");
        ratio("stream_chunk10_vs_offline", "stream_chunk10_fps", "offline_fps");
        ratio("offline_gflops_vs_nd4j_gemm_256rows", "offline_gflops", "nd4j_gemm_256rows_gflops");
        ratio("offline_gflops_vs_java_gemm_16rows", "offline_gflops", "java_gemm_16rows_gflops");
        ratio("engine_gemm_256rows_vs_nd4j_gemm_256rows", "engine_gemm_256rows_gflops", "nd4j_gemm_256rows_gflops");
    }

    /** {@code figure / baseline}, when both were measured. */
    private void ratio(String name, String figure, String baseline) {
        if (figures.containsKey(figure) && figures.containsKey(baseline)) {
            figures.put(name, figures.get(figure) / figures.get(baseline));
        }
    }

    private double streaming(Encoder encoder, int chunk) {
        return framesPerSecond(streamingWork(encoder, chunk));
    }

    /** A new stream fed chunks of {@code chunk} frames from the pool. */
    private IntSupplier streamingWork(Encoder encoder, int chunk) {
        StreamState stream = encoder.newStream();
        float[][] frames = new float[chunk][];
        int[] cursor = {0};
        return () -> {
            for (int i = 0; i < chunk; i++) {
                frames[i] = framePool[(cursor[0]++) % framePool.length];
            }
            stream.accept(frames);
            return chunk;
        };
    }

    private double batched(Encoder encoder, int streams, int chunk) {
        return framesPerSecond(batchedWork(encoder, streams, chunk));
    }

    /** {@code streams} new streams fed {@code chunk} frames each per call, all in one call. */
    private IntSupplier batchedWork(Encoder encoder, int streams, int chunk) {
        List<StreamState> states = new ArrayList<>();
        List<float[][]> chunks = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            states.add(encoder.newStream());
            float[][] frames = new float[chunk][];
            for (int f = 0; f < chunk; f++) {
                frames[f] = framePool[(i * chunk + f) % framePool.length];
            }
            chunks.add(frames);
        }
        return () -> {
            encoder.acceptAll(states, chunks);
            return streams * chunk;
        };
    }

    private double offline(Encoder encoder, int frames) {
        return framesPerSecond(offlineWork(encoder, frames));
    }

    /** A recording of {@code frames} frames labelled offline, whole. */
    private IntSupplier offlineWork(Encoder encoder, int frames) {
        float[][] recording = new float[frames][];
        for (int i = 0; i < frames; i++) {
            recording[i] = framePool[i % framePool.length];
        }
        return () -> {
            encoder.probabilities(recording);
            return frames;
        };
    }

    /** Single frames at stream age ~1k and ~1M frames (the latter rebuilt exactly from its last frames). */
    private void ageFigures(Encoder encoder) {
        StreamState young = encoder.newStream();
        young.accept(slice(0, 1_000));
        StreamState old = encoder.rebuild(slice(0, encoder.contextFrames()), 1_000_000 - encoder.contextFrames());
        measured("age_1k_us_per_frame", 1e6 / singleFrames(young));
        measured("age_1m_us_per_frame", 1e6 / singleFrames(old));
        StreamState live = encoder.newStream();                  // fed as a live stream is: chunks of 10 frames
        for (int start = 0; start < 1_000; start += 10) {
            live.accept(slice(start, 10));
        }
        figures.put("stream_state_kb", live.heldBytes() / 1024.0);
    }

    /**
     * Chunks of 50 for left contexts 16..1024: attention work grows linearly with L, the projections do not; the
     * slope (microseconds per frame per extra key) should be the same between any two of them.
     */
    private void spanFigures() {
        int[] lefts = {16, 64, 256, 1024};
        for (int left : lefts) {
            EncoderConfig config = REFERENCE.withSpan(left, 0);
            Encoder encoder = Encoder.create(EncoderWeights.random(config, options.seed()), engine(config));
            figures.put("chunk50_us_per_frame_L" + left, 1e6 / streaming(encoder, 50));
        }
        for (int i = 1; i < lefts.length; i++) {
            double slope = (figures.get("chunk50_us_per_frame_L" + lefts[i])
                    - figures.get("chunk50_us_per_frame_L" + lefts[i - 1])) / (lefts[i] - lefts[i - 1]);
            figures.put("us_per_frame_per_key_L" + lefts[i - 1] + "_to_L" + lefts[i], slope);
        }
    }

    /**
     * Achieved GFLOP/s (all multiply-adds of the model, attention included) of the offline and batched paths, and a
     * bare {@code Nd4j.gemm} running only the projections' shapes of {@code config} for 256 rows, measured now;
     * plain-Java GEMM too.
     */
    private void gflopFigures(EncoderConfig config) {
        modelGflopFigures(config);
        figures.put("nd4j_gemm_256rows_gflops", gemmGflops(new Nd4jGemm(), 256, config));
        if (options.gemm() == GemmChoice.ND4J_ROW_INVARIANT) {   // the same products in the engine's layouts
            figures.put("engine_gemm_256rows_gflops", gemmGflops(RowInvariance.nd4j(projectionShapes(config)), 256,
                    config));
        }
        figures.put("nd4j_gemm_1row_gflops", gemmGflops(new Nd4jGemm(), 1, config));
        figures.put("java_gemm_1row_gflops", gemmGflops(new JavaGemm(), 1, config));
        figures.put("java_gemm_16rows_gflops", gemmGflops(new JavaGemm(), 16, config));
    }

    /** The measured model's multiply-adds per frame and its achieved GFLOP/s offline and batched. */
    private void modelGflopFigures(EncoderConfig config) {
        double flopsPerFrame = BenchReport.flopsPerFrame(config, config.trainedSpan());
        figures.put("model_flops_per_frame", flopsPerFrame);
        figures.put("offline_gflops", flopsPerFrame * figures.get("offline_fps") / 1e9);
        figures.put("batched_256x10_gflops", flopsPerFrame * figures.get("batched_256x10_fps") / 1e9);
        figures.put("offline_2threads_gflops", flopsPerFrame * figures.get("offline_2threads_fps") / 1e9);
    }

    /** One pass of the model's projection shapes (QKV, out, FFN up, FFN down) for {@code rows} rows. */
    private double gemmGflops(Gemm gemm, int rows, EncoderConfig config) {
        Random random = new Random(options.seed());
        int[][] shapes = projectionShapes(config).toArray(int[][]::new);
        WeightTensor[] weights = new WeightTensor[shapes.length];
        double flops = 0;
        for (int i = 0; i < shapes.length; i++) {
            float[] values = new float[shapes[i][0] * shapes[i][1]];
            for (int v = 0; v < values.length; v++) {
                values[v] = (float) random.nextGaussian();
            }
            weights[i] = WeightTensor.of(values, shapes[i]);
            flops += 2.0 * rows * shapes[i][0] * shapes[i][1];
        }
        int widest = Math.max(config.feedForwardDims(), 3 * config.modelDims()); // the widest side of the shapes
        float[] in = new float[rows * widest];
        float[] out = new float[rows * widest];
        for (int v = 0; v < in.length; v++) {
            in[v] = (float) random.nextGaussian();
        }
        double passes = framesPerSecond(() -> {
            for (WeightTensor w : weights) {
                gemm.multiply(in, 0, rows, w, out, 0);
            }
            return 1;
        });
        return passes * flops / 1e9;
    }

    /** The shapes [k, n] of a block's projections: QKV, out, FFN up, FFN down. */
    private static List<int[]> projectionShapes(EncoderConfig config) {
        int d = config.modelDims();
        int f = config.feedForwardDims();
        return List.of(new int[] {d, 3 * d}, new int[] {d, d}, new int[] {d, f}, new int[] {f, d});
    }

    private double singleFrames(StreamState stream) {
        float[][] frame = new float[1][];
        int[] cursor = {0};
        return framesPerSecond(() -> {
            frame[0] = framePool[(cursor[0]++) % framePool.length];
            stream.accept(frame);
            return 1;
        });
    }

    /** Wall-clock start and end of a figure's measurement (after its warm-up) and the frames it did. */
    private record Stretch(Instant start, Instant end, long frames) {
    }

    /**
     * Runs {@code work} (returning frames done) for a warm-up, then measures; returns frames per second and keeps
     * the measured stretch as {@link #lastStretch}.
     */
    private double framesPerSecond(IntSupplier work) {
        runFor(Math.max(0.2, options.secondsPerFigure() / 2), work);
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        long frames = runFor(options.secondsPerFigure(), work);
        long elapsed = System.nanoTime() - start;
        lastStretch = new Stretch(startedAt, Instant.now(), frames);
        return frames / (elapsed / 1e9);
    }

    /** Runs {@code work} (returning frames done) at least once and for about {@code seconds}; returns the frames. */
    private static long runFor(double seconds, IntSupplier work) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long frames = 0;
        do {
            frames += work.getAsInt();
        } while (System.nanoTime() < end);
        return frames;
    }

    private float[][] slice(int from, int count) {
        float[][] frames = new float[count][];
        for (int i = 0; i < count; i++) {
            frames[i] = framePool[(from + i) % framePool.length];
        }
        return frames;
    }

    private static float[][] randomFrames(Random random, int count, int dims) {
        float[][] frames = new float[count][dims];
        for (float[] frame : frames) {
            for (int i = 0; i < dims; i++) {
                frame[i] = (float) random.nextGaussian();
            }
        }
        return frames;
    }
}
