package io.tagstream.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tagstream.app.bench.PipelineBench;
import io.tagstream.app.config.AppConfigLoader;
import io.tagstream.app.labeller.EncoderLabeller;
import io.tagstream.demo.DemoSample;
import io.tagstream.features.AudioFileException;
import io.tagstream.features.DecodedAudio;
import io.tagstream.features.WavDecoder;
import io.tagstream.ingest.IngestConfig;
import picocli.CommandLine.Option;

/** The options of {@code tagstream bench pipeline}, and how they become a {@link PipelineBench} run. */
final class PipelineBenchOptions {

    @Option(names = "--model", paramLabel = "FILE",
            description = "Model for the pipeline and chaos suites (default: the bundled model), and for the"
                    + " model suite's streaming, batched and offline figures (default: the random reference"
                    + " encoder).")
    private Path model;

    Path model() {
        return model;
    }

    @Option(names = "--audio", paramLabel = "WAV",
            description = "Audio the pipeline suite's streams play, looped (default: the bundled demo sample).")
    private Path audio;

    @Option(names = "--streams", split = ",", paramLabel = "N[,N...]", defaultValue = "1,16,64",
            description = "Stream counts of the max-speed runs (default 1,16,64).")
    private List<Integer> maxSpeedStreams;

    // 1,920 s: at 16,000-25,000 frames/s a run of 640 s lasted 26-40 s, and its first and last seconds (batches
    // filling, the last commits) weighed on the figure; alternating the two lengths on 2026-12-07 (one suite each,
    // in turn): 16,419 / 15,577 and 19,430 / 18,335 frames/s at 16 / 64 streams with 640 s against 19,831 / 20,291
    // and 24,526 / 23,644 with 1,920 s; each suite also ran faster than the one before it, so part of that is the
    // shared machine: against its neighbours' mean, +1,900 and -2,750 at 16 streams (README.md, docs/streams-app.md)
    @Option(names = "--audio-seconds", paramLabel = "S", defaultValue = "1920",
            description = "Audio seconds per max-speed run, split over its streams (default 1920).")
    private double maxSpeedSeconds;

    @Option(names = "--live", split = ",", paramLabel = "N[,N...]", defaultValue = "10,50",
            description = "Stream counts of the live (real-time) runs (default 10,50).")
    private List<Integer> liveStreams;

    @Option(names = "--live-seconds", paramLabel = "S", defaultValue = "20",
            description = "Length of each live run (default 20).")
    private double liveSeconds;

    @Option(names = "--live-chunk-ms", paramLabel = "MS", defaultValue = "" + IngestConfig.DEFAULT_CHUNK_MILLIS,
            description = "Audio per record in the live runs (default ${DEFAULT-VALUE}, as tagstream ingest at real"
                    + " time).")
    private int liveChunkMs;

    @Option(names = "--commit-ms", split = ",", paramLabel = "MS[,MS...]",
            defaultValue = "" + AppConfigLoader.DEFAULT_COMMIT_INTERVAL_MS,
            description = "Commit intervals to run every scenario with (default ${DEFAULT-VALUE}, the app's default).")
    private List<Integer> commitIntervals;

    @Option(names = "--batch-frames", split = ",", paramLabel = "N[,N...]", defaultValue = "512",
            description = "Values of label.batch.max.frames to run every scenario with (default 512, the app's "
                    + "default; 1 = one model forward per record).")
    private List<Integer> batchFrames;

    @Option(names = "--idle", split = ",", paramLabel = "N[,N...]", defaultValue = "0,1000",
            description = "Idle stream counts every live run is repeated with (default 0,1000): before the live "
                    + "streams start, that many others send 1 s of audio each and fall silent without ending.")
    private List<Integer> idleStreams;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any app setting for the pipeline runs, as tagstream run --set takes it, e.g. --set "
                    + "kafka.max.task.idle.ms=-1 (the scenario's commit interval, batch size and threads win).")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--warm-up-seconds", paramLabel = "S",
            defaultValue = "" + (int) PipelineBench.DEFAULT_WARM_UP_SECONDS,
            description = "Audio seconds of each warm-up round at max speed (16 streams) before the pipeline suite's "
                    + "scenarios; rounds go on until the JIT compilers are nearly idle (below 0.15 cores, at most 6 "
                    + "rounds), so the JIT has compiled the pipeline before anything is measured (default "
                    + "${DEFAULT-VALUE}; 0 = none: the first scenario then meets a cold JVM).")
    private double warmUpSeconds;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "Kafka Streams threads of the app instance (default 2).")
    private int threads;

    Map<String, Object> run(PrintStream out) throws IOException, InterruptedException {
        PipelineBench.Options options = new PipelineBench.Options(maxSpeedStreams, maxSpeedSeconds, liveStreams,
                liveSeconds, commitIntervals, threads, 4, liveChunkMs, batchFrames, idleStreams, settings,
                warmUpSeconds);
        EncoderLabeller labeller = ModelChoice.labeller(model);
        return PipelineBench.run(labeller, audio(labeller.featureSpec().sampleRate()), options, out);
    }

    private DecodedAudio audio(int sampleRate) {
        if (audio == null) {
            return DemoSample.bundled(sampleRate).audio();
        }
        try {
            return WavDecoder.decode(audio, sampleRate);
        } catch (AudioFileException e) {
            throw new UserFacingError(e.getMessage(), e);
        }
    }
}
