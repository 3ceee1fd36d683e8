package io.tagstream.app.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tagstream.app.config.LabelBatching;
import io.tagstream.app.labeller.StreamLabeller;
import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.features.DecodedAudio;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.Pcm16;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.ingest.IngestConfig;
import io.tagstream.ingest.IngestSummary;
import io.tagstream.ingest.KafkaChunkSink;
import io.tagstream.ingest.ProgressBar;
import io.tagstream.ingest.ReplaySpeed;
import io.tagstream.ingest.SendMode;
import io.tagstream.ingest.WavFileReplayer;
import io.tagstream.broker.EmbeddedKafkaBroker;
import io.tagstream.model.bench.VectorBoxing;

/**
 * {@code tagstream bench pipeline}: the whole pipeline (audio topic, feature extraction, labelling, label topic)
 * against the embedded broker with exactly-once processing, one app instance.
 *
 * <ul>
 *   <li>max speed: N streams' audio is first written (in ingest's max-speed chunks, 50 ms) to the audio topic, then the app
 *       starts and works through the backlog; sustained frames/s = labels read (read_committed) over the span from
 *       the first label to the last.
 *   <li>live: N streams play at real time in chunks of {@code --live-chunk-ms} (ingest's live 20 ms by default), each
 *       sent when its last sample would have been captured; latency of a frame = wall time its label became readable
 *       (read_committed) minus the event time at which the frame's audio ended. The first seconds are warm-up and
 *       not counted.
 * </ul>
 * Each scenario has its own topics and application id. Every figure is measured in this run. Before the first
 * scenario, warm-up rounds at max speed (16 streams, topics of their own; not figures, but printed and reported as
 * {@code pipeline.warm_up.round_N.frames_per_s} and {@code ...jit_cores}) let the JIT compile the pipeline's code:
 * in a fresh JVM the compiler threads keep most of a core busy for a minute or more (this JVM holds the broker, the
 * clients and the app: tens of thousands of methods), and the Vector API's kernels run many times slower before they
 * are compiled, so a cold first scenario measures the compiler more than the pipeline. Rounds go on until the
 * compilers kept fewer than {@value #WARM_JIT_CORES} cores busy through one, at most {@value #MAX_WARM_UP_ROUNDS};
 * every scenario reports what the compilers still took ({@code cores_busy.jit}), and each max-speed scenario the
 * Vector API objects the JVM allocated per frame ({@code vector_boxed_bytes_per_frame}, {@link VectorBoxing}): near
 * zero when C2 compiled the lane kernels with their vectors in registers, far more when it did not.
 */
public final class PipelineBench {

    private static final long EVENT_TIME_ORIGIN = 1_700_000_000_000L;
    private static final long WARM_UP_MS = 3_000;

    /**
     * @param maxSpeedStreams   stream counts of the max-speed runs
     * @param maxSpeedSeconds   audio seconds per max-speed run, split over its streams
     * @param liveStreams       stream counts of the live runs
     * @param liveSeconds       length of each live run
     * @param commitIntervalsMs commit intervals to run every scenario with
     * @param threads           Kafka Streams threads of the app instance
     * @param partitions        partitions of every topic
     * @param liveChunkMs       audio per record in the live runs (ingest's default is 50 ms)
     * @param batchFrames       values of label.batch.max.frames to run every scenario with (1 = a forward per record)
     * @param idleStreams       idle stream counts every live run is repeated with (0 = none): before the live
     *                          streams start, that many other streams send {@value #IDLE_SECONDS} s of audio each
     *                          and then fall silent without ending, so the app holds their state the whole run
     * @param appSettings       further app settings for every run (the scenario's own settings win)
     * @param warmUpSeconds     audio seconds of each warm-up round before the scenarios, split over
     *                          {@value #WARM_UP_STREAMS} streams (0 = none: the first scenario meets a cold JVM)
     */
    public record Options(List<Integer> maxSpeedStreams, double maxSpeedSeconds, List<Integer> liveStreams,
                          double liveSeconds, List<Integer> commitIntervalsMs, int threads, int partitions,
                          int liveChunkMs, List<Integer> batchFrames, List<Integer> idleStreams,
                          Map<String, String> appSettings, double warmUpSeconds) {

        public Options {
            if (liveChunkMs < 10 || liveChunkMs > 1_000) {
                throw new IllegalArgumentException("live chunks must be 10..1000 ms, got " + liveChunkMs);
            }
            if (!(warmUpSeconds >= 0 && warmUpSeconds <= MAX_WARM_UP_SECONDS)) {
                throw new IllegalArgumentException("warm-up audio must be 0.." + (int) MAX_WARM_UP_SECONDS
                        + " seconds, got " + warmUpSeconds);
            }
            if (idleStreams.isEmpty() || idleStreams.stream().anyMatch(n -> n < 0 || n > 100_000)) {
                throw new IllegalArgumentException("idle stream counts must be 0..100000, got " + idleStreams);
            }
            appSettings = Map.copyOf(appSettings);
        }

        public static Options defaults() {
            return new Options(List.of(1, 16, 64), 640, List.of(10, 50), 20, List.of(30), 2, 4, 50,
                    List.of(LabelBatching.DEFAULT.maxFrames()), List.of(0, 1_000), Map.of(), DEFAULT_WARM_UP_SECONDS);
        }
    }

    /** Audio each idle stream sends before it falls silent. */
    static final double IDLE_SECONDS = 1.0;
    /** Streams of the warm-up run. */
    static final int WARM_UP_STREAMS = 16;
    /** Warm-up audio per round by default: three times a max-speed run's, 15-30 s on the 2-core machine. */
    public static final double DEFAULT_WARM_UP_SECONDS = 1_920;
    /** Warm-up rounds at most. */
    static final int MAX_WARM_UP_ROUNDS = 6;
    /** The JIT is warm when its compilers kept fewer cores than this busy through a warm-up round. */
    static final double WARM_JIT_CORES = 0.15;
    /** Largest warm-up audio per round accepted (bounds the warm-up's length). */
    static final double MAX_WARM_UP_SECONDS = 100_000;

    private PipelineBench() {
    }

    /**
     * Runs every scenario; returns the figures by name and prints a table to {@code out}. The first keys are the
     * summary of the first commit interval and batch size: {@code engine} (what ran the model's matrix work),
     * {@code lookahead_ms}, {@code max_fps_16_streams}, {@code max_fps_64_streams}, {@code live_50_p50_ms},
     * {@code live_50_p99_ms}, and beside idle streams {@code live_50_idle_N_p99_ms} and what the N parked streams
     * cost in memory, {@code idle_N_heap_kb_per_stream}, {@code idle_N_rocksdb_kb_per_stream} and
     * {@code idle_N_resident_kb_per_stream} ({@link ProcessMemory}; each present when its scenario ran).
     */
    public static Map<String, Object> run(StreamLabeller labeller, DecodedAudio audio, Options options,
            PrintStream out) throws IOException, InterruptedException {
        Map<String, Double> figures = new LinkedHashMap<>();
        String boxingSites;
        out.printf("pipeline: model %s (engine %s), %d stream thread(s), %d partitions, exactly_once_v2, embedded "
                + "broker%n", labeller.modelId(), labeller.engine(), options.threads(), options.partitions());
        try (VectorBoxing boxing = VectorBoxing.start();
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            if (options.warmUpSeconds() > 0) {
                Scenario first = new Scenario(options.commitIntervalsMs().get(0), options.batchFrames().get(0));
                for (int round = 1; round <= MAX_WARM_UP_ROUNDS; round++) {
                    Map<ThreadCpuTimes.Kind, Double> cores = maxSpeed(broker.bootstrapServers(), labeller, audio,
                            options, WARM_UP_STREAMS, first, round, boxing, figures, out);
                    if (cores.get(ThreadCpuTimes.Kind.JIT) < WARM_JIT_CORES) {
                        break;
                    }
                }
            }
            for (int commitMs : options.commitIntervalsMs()) {
                for (int batch : options.batchFrames()) {
                    Scenario scenario = new Scenario(commitMs, batch);
                    for (int streams : options.maxSpeedStreams()) {
                        maxSpeed(broker.bootstrapServers(), labeller, audio, options, streams, scenario, 0,
                                boxing, figures, out);
                    }
                    for (int idle : options.idleStreams()) {
                        for (int streams : options.liveStreams()) {
                            live(broker.bootstrapServers(), labeller, audio, options, streams, idle, scenario,
                                    figures, out);
                        }
                    }
                }
            }
            boxingSites = boxing.sites(4);
        }
        Map<String, Object> all = summaryFirst(labeller, options, figures, out);
        all.put("vector_boxing_sites", boxingSites);
        out.println("  Vector API objects allocated at (the whole run, warm-up included): " + boxingSites);
        return all;
    }

    /** The summary keys (see {@link #run}), then every figure. */
    private static Map<String, Object> summaryFirst(StreamLabeller labeller, Options options,
            Map<String, Double> figures, PrintStream out) {
        Map<String, Object> all = new LinkedHashMap<>();
        String scenario = new Scenario(options.commitIntervalsMs().get(0), options.batchFrames().get(0)).key();
        all.put("engine", labeller.engine());
        all.put("lookahead_ms", labeller.lookaheadFrames() * labeller.featureSpec().hopMillis());
        for (int streams : List.of(16, 64)) {
            putIfRan(all, "max_fps_" + streams + "_streams", figures.get("pipeline.max_speed.streams_" + streams + "."
                    + scenario + ".frames_per_s"));
        }
        String live = "pipeline.live.streams_50." + scenario + ".chunk_" + options.liveChunkMs() + "ms.";
        putIfRan(all, "live_50_p50_ms", figures.get(live + "p50_ms"));
        putIfRan(all, "live_50_p99_ms", figures.get(live + "p99_ms"));
        for (int idle : options.idleStreams()) {
            if (idle > 0) {
                String withIdle = "pipeline.live.streams_50.idle_" + idle + "." + scenario + ".chunk_"
                        + options.liveChunkMs() + "ms.";
                putIfRan(all, "live_50_idle_" + idle + "_p99_ms", figures.get(withIdle + "p99_ms"));
                String parked = "pipeline.live.streams_50.idle_" + idle + "." + scenario + ".";
                putIfRan(all, "idle_" + idle + "_heap_kb_per_stream", figures.get(parked + "heap_kb_per_idle_stream"));
                putIfRan(all, "idle_" + idle + "_rocksdb_kb_per_stream",
                        figures.get(parked + "rocksdb_kb_per_idle_stream"));
                putIfRan(all, "idle_" + idle + "_resident_kb_per_stream",
                        figures.get(parked + "resident_kb_per_idle_stream"));
            }
        }
        out.println("  summary: " + all);
        all.putAll(figures);
        return all;
    }

    private static void putIfRan(Map<String, Object> all, String key, Double value) {
        if (value != null) {
            all.put(key, value);
        }
    }

    /**
     * A max-speed run; returns the cores each kind of thread kept busy. A warm-up round ({@code warmUpRound} from 1;
     * 0: a scenario) has topics of its own and reports only its frames/s and the JIT's share.
     */
    private static Map<ThreadCpuTimes.Kind, Double> maxSpeed(String bootstrap, StreamLabeller labeller,
            DecodedAudio audio, Options options, int streams, Scenario scenario, int warmUpRound,
            VectorBoxing boxing, Map<String, Double> figures, PrintStream out)
            throws IOException, InterruptedException {
        boolean warmUp = warmUpRound > 0;
        String name = (warmUp ? "warm-up" + warmUpRound + "-s" : "max-s") + streams + "-" + scenario.id();
        FeatureSpec spec = labeller.featureSpec();
        double perStream = (warmUp ? options.warmUpSeconds() : options.maxSpeedSeconds()) / streams;
        try (BenchPipeline pipeline = new BenchPipeline(bootstrap, name, options.partitions(), labeller,
                settings(options, scenario))) {
            long frames = 0;
            for (int s = 0; s < streams; s++) {
                frames += preload(bootstrap, pipeline, "max-" + s, excerpt(audio, s, perStream), spec);
            }
            try (LabelArrivals arrivals = new LabelArrivals(bootstrap, pipeline.topics().labels(),
                    (long) spec.windowMillis(), Long.MAX_VALUE)) {
                long started = System.nanoTime();
                long boxedBefore = boxing.vectorBytes();
                pipeline.startApp();
                if (frames == 0 || !arrivals.await(frames, Duration.ofMinutes(10))) {
                    throw new IllegalStateException(name + ": only " + arrivals.count() + " of " + frames
                            + " labels within 10 minutes");
                }
                ThreadCpuTimes cpuAtEnd = ThreadCpuTimes.now();
                double fps = (frames - 1) / arrivals.arrivalSpanSeconds();
                double total = (System.nanoTime() - started) / 1e9;
                Map<ThreadCpuTimes.Kind, Double> cores = cpuAtEnd.coresSince(arrivals.cpuAtFirstArrival());
                if (warmUp) {
                    String key = "pipeline.warm_up.round_" + warmUpRound + ".";
                    figures.put(key + "frames_per_s", fps);
                    figures.put(key + "jit_cores", cores.get(ThreadCpuTimes.Kind.JIT));
                    out.printf("  warm-up %d, %2d streams, %s: %,9.0f frames/s (%,d frames in %.1f s), JIT compilers"
                            + " %.2f cores (not a figure)%n", warmUpRound, streams, scenario, fps, frames, total,
                            cores.get(ThreadCpuTimes.Kind.JIT));
                    return cores;
                }
                String key = "pipeline.max_speed.streams_" + streams + "." + scenario.key();
                figures.put(key + ".frames_per_s", fps);
                PipelineMetrics.BatchTotals batches = pipeline.metrics().batchTotals();
                figures.put(key + ".frames_per_forward", batches.frames() / (double) Math.max(1, batches.calls()));
                StageBreakdown stages = StageBreakdown.of(pipeline.metrics(), pipeline.commitSeconds(),
                        options.threads() * arrivals.arrivalSpanSeconds(), frames);
                stages.microsPerFrame().forEach((stage, us) -> figures.put(key + ".stage_us_per_frame." + stage, us));
                cores.forEach((kind, busy) -> figures.put(key + ".cores_busy." + kind.key(), busy));
                double boxed = (boxing.vectorBytes() - boxedBefore) / (double) frames;
                figures.put(key + ".vector_boxed_bytes_per_frame", boxed);
                out.printf("  max speed, %2d streams, %s: %,9.0f frames/s sustained (%,d frames; %.1f s from app "
                        + "start to last label, first label after %.1f s; %s)%n    %s%n    %s; Vector API objects "
                        + "allocated %.0f bytes per frame%n", streams, scenario, fps, frames, total,
                        (arrivals.firstArrivalNanos() - started) / 1e9, describe(batches), stages,
                        ThreadCpuTimes.describe(cores), boxed);
                if (cores.get(ThreadCpuTimes.Kind.OTHER_THREADS) > 0.02) {
                    out.printf("    other threads: %s%n", cpuAtEnd.namesOf(ThreadCpuTimes.Kind.OTHER_THREADS,
                            arrivals.cpuAtFirstArrival()));
                }
                return cores;
            }
        }
    }

    private static void live(String bootstrap, StreamLabeller labeller, DecodedAudio audio, Options options,
            int streams, int idle, Scenario scenario, Map<String, Double> figures, PrintStream out)
            throws IOException, InterruptedException {
        String name = "live-s" + streams + "-i" + idle + "-" + scenario.id();
        FeatureSpec spec = labeller.featureSpec();
        try (BenchPipeline pipeline = new BenchPipeline(bootstrap, name, options.partitions(), labeller,
                settings(options, scenario))) {
            pipeline.startApp();
            int chunkSamples = spec.sampleRate() * options.liveChunkMs() / 1000;
            LivePacer pacer = new LivePacer(bootstrap, pipeline.topics().audio(), spec.sampleRate(), chunkSamples);
            if (idle > 0) {
                ProcessMemory beforeIdle = ProcessMemory.afterCollection();
                long storesBefore = pipeline.storeNativeBytes();
                parkIdleStreams(bootstrap, pipeline, labeller, pacer, audio, idle, name);
                ProcessMemory parked = ProcessMemory.afterCollection();
                String key = "pipeline.live.streams_" + streams + ".idle_" + idle + "." + scenario.key();
                double heap = parked.heapKibPerStreamSince(beforeIdle, idle);
                double stores = (pipeline.storeNativeBytes() - storesBefore) / 1024.0 / idle;
                double resident = parked.residentKibPerStreamSince(beforeIdle, idle);
                figures.put(key + ".heap_kb_per_idle_stream", heap);
                figures.put(key + ".rocksdb_kb_per_idle_stream", stores);
                if (!Double.isNaN(resident)) {
                    figures.put(key + ".resident_kb_per_idle_stream", resident);
                }
                out.printf("  %,d idle streams parked: per stream %.1f KiB of heap, %.1f KiB in the stores' RocksDB "
                        + "memory, %.1f KiB resident (after a full GC, against before them)%n", idle, heap, stores,
                        resident);
            }
            List<short[]> perStream = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                perStream.add(Pcm16.quantize(excerpt(audio, s, options.liveSeconds()).samples()));
            }
            long startMs = System.currentTimeMillis() + 500;
            try (LabelArrivals arrivals = new LabelArrivals(bootstrap, pipeline.topics().labels(),
                    (long) spec.windowMillis(), startMs + WARM_UP_MS, LivePacer.LIVE_PREFIX)) {
                ThreadCpuTimes cpuAtStart = ThreadCpuTimes.now();
                long samples = pacer.play(perStream, startMs);
                long frames = streams * StreamingFeatureExtractor.frameCount(spec, samples);
                if (frames == 0 || !arrivals.await(frames, Duration.ofMinutes(2))) {
                    throw new IllegalStateException(name + ": only " + arrivals.count() + " of " + frames
                            + " labels within 2 minutes of the end of the live run");
                }
                LatencySamples latency = arrivals.latencies();
                String key = "pipeline.live.streams_" + streams + (idle > 0 ? ".idle_" + idle : "") + "."
                        + scenario.key() + ".chunk_" + options.liveChunkMs() + "ms";
                figures.put(key + ".p50_ms", latency.percentile(50));
                figures.put(key + ".p95_ms", latency.percentile(95));
                figures.put(key + ".p99_ms", latency.percentile(99));
                double firstThird = latency.percentileOfPart(50, 0, 3);
                double lastThird = latency.percentileOfPart(50, 2, 3);
                figures.put(key + ".p50_first_third_ms", firstThird);
                figures.put(key + ".p50_last_third_ms", lastThird);
                Map<ThreadCpuTimes.Kind, Double> cores = ThreadCpuTimes.now().coresSince(cpuAtStart);
                cores.forEach((kind, busy) -> figures.put(key + ".cores_busy." + kind.key(), busy));
                out.printf("  live,      %2d streams%s, %s, %d ms chunks: frame->label latency p50 %.0f ms, "
                        + "p95 %.0f ms, p99 %.0f ms (%,d frames after %d s warm-up, %,d frames/s offered; %s)%n"
                        + "    p50 in the first third of the labels %.0f ms, in the last third %.0f ms; %s%n",
                        streams, idle > 0 ? String.format(Locale.ROOT, " beside %,d idle", idle) : "", scenario,
                        options.liveChunkMs(), latency.percentile(50), latency.percentile(95),
                        latency.percentile(99), latency.size(), WARM_UP_MS / 1000,
                        streams * Math.round(1000 / spec.hopMillis()), describe(pipeline.metrics().batchTotals()),
                        firstThird, lastThird, ThreadCpuTimes.describe(cores));
            }
        }
    }

    /**
     * Sends {@code idle} streams {@value #IDLE_SECONDS} s of audio each, as fast as possible and with event times an
     * hour back, without ending them; returns once the app has labelled all it can of them (every frame but each
     * stream's lookahead, or when no more labels came for 5 s), so that the live run that follows runs beside their
     * held state only.
     */
    private static void parkIdleStreams(String bootstrap, BenchPipeline pipeline, StreamLabeller labeller,
            LivePacer pacer, DecodedAudio audio, int idle, String name) throws InterruptedException {
        FeatureSpec spec = labeller.featureSpec();
        List<short[]> perStream = new ArrayList<>();
        for (int s = 0; s < idle; s++) {
            perStream.add(Pcm16.quantize(excerpt(audio, s, IDLE_SECONDS).samples()));
        }
        try (LabelArrivals parked = new LabelArrivals(bootstrap, pipeline.topics().labels(),
                (long) spec.windowMillis(), Long.MAX_VALUE, LivePacer.IDLE_PREFIX)) {
            long samples = pacer.park(perStream, System.currentTimeMillis() - 3_600_000L);
            long frames = StreamingFeatureExtractor.frameCount(spec, samples);
            long expected = idle * Math.max(0, frames - labeller.lookaheadFrames());
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            long seen = -1;
            while (!parked.await(expected, Duration.ofSeconds(5)) && parked.count() != seen) {
                seen = parked.count();                        // still coming: wait on, else they are all there
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": only " + parked.count() + " of " + expected
                            + " labels of the idle streams within 3 minutes");
                }
            }
        }
    }

    private static Map<String, String> settings(Options options, Scenario scenario) {
        Map<String, String> settings = new HashMap<>(options.appSettings());
        settings.put("commit.interval.ms", String.valueOf(scenario.commitMs()));
        settings.put("label.batch.max.frames", String.valueOf(scenario.batchFrames()));
        settings.put("num.stream.threads", String.valueOf(options.threads()));
        return settings;
    }

    private static String describe(PipelineMetrics.BatchTotals batches) {
        return String.format(Locale.ROOT, "%,d forwards, %.1f frames and %.1f streams each", batches.calls(),
                batches.frames() / (double) Math.max(1, batches.calls()),
                batches.streams() / (double) Math.max(1, batches.calls()));
    }

    /** The app settings a scenario varies. */
    private record Scenario(int commitMs, int batchFrames) {

        String id() {
            return "c" + commitMs + "-b" + batchFrames;
        }

        String key() {
            return "commit_" + commitMs + "ms.batch_" + batchFrames;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "commit %d ms, batch %d", commitMs, batchFrames);
        }
    }

    /** Writes one stream's audio to the audio topic as fast as possible; returns its frame count. */
    private static long preload(String bootstrap, BenchPipeline pipeline, String streamId, DecodedAudio audio,
            FeatureSpec spec) throws InterruptedException {
        IngestConfig ingest = new IngestConfig(streamId, SendMode.AUDIO, IngestConfig.MAX_SPEED_CHUNK_MILLIS, spec);
        try (KafkaChunkSink sink = KafkaChunkSink.open(bootstrap, pipeline.topics().audio(), streamId,
                KafkaChunkSink.DEFAULT_TIMEOUT)) {
            IngestSummary summary = new WavFileReplayer(ingest, ReplaySpeed.MAX, EVENT_TIME_ORIGIN)
                    .replay(audio, sink, ProgressBar.silent());
            return StreamingFeatureExtractor.frameCount(spec, summary.samples());
        }
    }

    /** {@code seconds} of {@code audio}, looped, starting at a different place for every stream. */
    private static DecodedAudio excerpt(DecodedAudio audio, int stream, double seconds) {
        float[] source = audio.samples();
        float[] out = new float[(int) Math.round(seconds * audio.sampleRate())];
        long offset = (long) stream * 7_919 * audio.sampleRate() / 100;
        for (int i = 0; i < out.length; i++) {
            out[i] = source[(int) ((offset + i) % source.length)];
        }
        return new DecodedAudio(out, audio.sampleRate());
    }
}
