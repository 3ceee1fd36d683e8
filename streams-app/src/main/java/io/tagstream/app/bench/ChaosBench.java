package io.tagstream.app.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import io.tagstream.features.DecodedAudio;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.ingest.IngestConfig;
import io.tagstream.ingest.KafkaChunkSink;
import io.tagstream.ingest.ProgressBar;
import io.tagstream.ingest.ReplaySpeed;
import io.tagstream.ingest.SendMode;
import io.tagstream.ingest.WavFileReplayer;
import io.tagstream.broker.LoopbackPorts;
import io.tagstream.kafka.TopicCreator;
import io.tagstream.kafka.TopicsConfig;
import io.tagstream.labels.LabellingMode;
import io.tagstream.labels.RecordingLabeller;
import io.tagstream.labels.SegmentPolicy;
import io.tagstream.labels.Segmenter;
import io.tagstream.model.ModelFile;

/**
 * {@code tagstream bench chaos}: a broker and two app instances (exactly-once, one standby each), each in a JVM of its
 * own, label live streams (the bundled sample, looped, real time) while an instance, and optionally the broker, is
 * SIGKILLed every 20-60 s and started again on its state. At the end: frames sent, labelled, lost, doubled and out of
 * order; the labels against the model's offline pass over the same audio; and how long labels stopped after each kill.
 */
public final class ChaosBench {

    /**
     * @param minutes     how long the streams play (and the kills go on)
     * @param streams     live streams
     * @param brokerKills whether the broker is among the victims (one kill in four)
     * @param seed        the kills' schedule and victims
     * @param model       the model file the instances run, or {@code null} for the bundled one
     */
    public record Options(double minutes, int streams, boolean brokerKills, long seed, Path model) {
        public Options {
            if (!(minutes > 0) || streams < 1 || streams > 64) {
                throw new IllegalArgumentException("chaos needs minutes > 0 and 1..64 streams, got " + minutes
                        + " and " + streams);
            }
        }
    }

    private static final int PARTITIONS = 4;
    private static final long T0 = 1_700_000_000_000L;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** A stream with no label for this long after a kill was waiting on it. */
    private static final long QUIET_NANOS = 1_000_000_000L;

    private ChaosBench() {
    }

    public static Map<String, Double> run(ModelFile model, DecodedAudio sample, Options options, PrintStream out)
            throws IOException, InterruptedException {
        FeatureSpec spec = model.featureSpec();
        Path work = Files.createTempDirectory("tagstream-chaos-");
        out.printf("chaos: %d live streams, %.1f min, kills every 20-60 s (%s), logs in %s%n", options.streams(),
                options.minutes(), options.brokerKills() ? "app instances and broker" : "app instances", work);
        int port = LoopbackPorts.free();
        String bootstrap = "127.0.0.1:" + port;
        TopicsConfig topics = new TopicsConfig("chaos.audio", "chaos.features", "chaos.labels", "chaos.segments",
                "chaos.dlq", PARTITIONS, (short) 1);
        Map<String, float[]> audio = new LinkedHashMap<>();
        Map<String, Integer> frames = new LinkedHashMap<>();
        for (int s = 0; s < options.streams(); s++) {
            float[] pcm = looped(sample.samples(), s * 7 * spec.sampleRate(),
                    (int) Math.round(options.minutes() * 60 * spec.sampleRate()));
            audio.put("chaos-" + s, pcm);
            frames.put("chaos-" + s, (int) StreamingFeatureExtractor.frameCount(spec, pcm.length));
        }
        List<Kill> killed = new ArrayList<>();
        int[] kills = new int[2];
        long sent;
        LabelLedger ledger;
        try (TagstreamProcess broker = new TagstreamProcess("broker", work, "broker", "--data-dir",
                work.resolve("broker").toString(), "--port", String.valueOf(port));
             TagstreamProcess a = app("app-a", work, bootstrap, topics, options.model());
             TagstreamProcess b = app("app-b", work, bootstrap, topics, options.model())) {
            broker.start("Kafka broker ready", START_TIMEOUT);
            TopicCreator.ensureTopics(bootstrap, topics, Duration.ofSeconds(60));
            a.start("REST at", START_TIMEOUT);
            b.start("REST at", START_TIMEOUT);
            ledger = new LabelLedger(bootstrap, topics.labels(), frames);
            AtomicLong framesSent = new AtomicLong();
            List<Thread> feeders = feeders(bootstrap, topics, audio, spec, frames, framesSent);
            Random random = new Random(options.seed());
            long end = System.nanoTime() + (long) (options.minutes() * 60e9);
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min((end - System.nanoTime()) / 1_000_000 + 1, 20_000 + random.nextInt(40_001)));
                if (System.nanoTime() >= end) {
                    break;
                }
                boolean killBroker = options.brokerKills() && random.nextInt(4) == 0;
                TagstreamProcess victim = killBroker ? broker : random.nextBoolean() ? a : b;
                long at = System.nanoTime();
                victim.kill();
                victim.start(killBroker ? "Kafka broker ready" : "REST at", START_TIMEOUT);
                kills[killBroker ? 1 : 0]++;
                long secondsIn = (at - (end - (long) (options.minutes() * 60e9))) / 1_000_000_000L;
                out.printf("chaos: %s killed and restarted (%d s in)%n", victim.name(), secondsIn);
                killed.add(new Kill(victim.name(), at, secondsIn));
            }
            for (Thread feeder : feeders) {
                feeder.join(Duration.ofMinutes(10).toMillis());
            }
            sent = framesSent.get();
            long expected = frames.values().stream().mapToLong(Integer::longValue).sum();
            // until every frame is labelled, or no label came for a minute (lost frames never come)
            long lastChange = System.nanoTime();
            long seen = ledger.labelled();
            while (seen < expected && System.nanoTime() - lastChange < Duration.ofMinutes(1).toNanos()) {
                Thread.sleep(500);
                long now = ledger.labelled();
                lastChange = now != seen ? System.nanoTime() : lastChange;
                seen = now;
            }
            Thread.sleep(10_000); // anything doubled arrives too
            ledger.close();
        }
        List<Double> stalls = new ArrayList<>();
        for (Kill kill : killed) {
            double stall = ledger.stallSeconds(kill.atNanos(), QUIET_NANOS);
            stalls.add(stall);
            out.printf("chaos: kill of %s %d s in: labels stopped %.1f s%n", kill.victim(), kill.secondsIn(), stall);
        }
        return report(model, spec, audio, ledger, sent, kills, stalls, options, out);
    }

    /** One SIGKILL: whom, when ({@link System#nanoTime()}), and how far into the run. */
    private record Kill(String victim, long atNanos, long secondsIn) {
    }

    private static Map<String, Double> report(ModelFile model, FeatureSpec spec, Map<String, float[]> audio,
            LabelLedger ledger, long sent, int[] kills, List<Double> stalls, Options options, PrintStream out) {
        RecordingLabeller offline = new RecordingLabeller(model.encoder(), spec, model.labels().names(),
                SegmentPolicy.DEFAULT);
        long labelled = 0;
        long duplicated = 0;
        long outOfOrder = 0;
        long agree = 0;
        double maxDiff = 0;
        for (Map.Entry<String, float[]> stream : audio.entrySet()) {
            LabelLedger.StreamLabels got = ledger.stream(stream.getKey());
            float[][] reference = offline.label(stream.getValue(), LabellingMode.OFFLINE).probabilities();
            labelled += got.labelled;
            duplicated += got.duplicated;
            outOfOrder += got.outOfOrder;
            for (int f = 0; f < reference.length; f++) {
                if (got.probabilities[f] != null) {
                    agree += Segmenter.argmax(got.probabilities[f]) == Segmenter.argmax(reference[f]) ? 1 : 0;
                    for (int c = 0; c < reference[f].length; c++) {
                        maxDiff = Math.max(maxDiff, Math.abs(got.probabilities[f][c] - reference[f][c]));
                    }
                }
            }
        }
        double[] sorted = stalls.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("chaos_minutes", options.minutes());
        figures.put("chaos_streams", (double) options.streams());
        figures.put("chaos_app_kills", (double) kills[0]);
        figures.put("chaos_broker_kills", (double) kills[1]);
        figures.put("chaos_frames_sent", (double) sent);
        figures.put("chaos_frames_labelled", (double) labelled);
        figures.put("chaos_frames_lost", (double) (sent - labelled));
        figures.put("chaos_labels_duplicated", (double) duplicated);
        figures.put("chaos_labels_out_of_order", (double) outOfOrder);
        figures.put("chaos_argmax_agreement", labelled == 0 ? 0 : agree / (double) labelled);
        figures.put("chaos_max_abs_probability_difference", maxDiff);
        figures.put("chaos_failover_p50_s", percentile(sorted, 0.50));
        figures.put("chaos_failover_p99_s", percentile(sorted, 0.99));
        figures.put("chaos_failover_max_s", sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        out.printf("chaos: %d kills of an app instance, %d of the broker%n", kills[0], kills[1]);
        out.printf("chaos: frames sent %d, labelled %d, lost %d, doubled %d, out of order %d%n", sent, labelled,
                sent - labelled, duplicated, outOfOrder);
        out.printf("chaos: labels against the offline pass: argmax equal on %.4f %% of frames, max |dp| %.2e%n",
                100 * figures.get("chaos_argmax_agreement"), maxDiff);
        out.printf("chaos: labels stopped after a kill for p50 %.1f s, p99 %.1f s, max %.1f s (%s)%n",
                figures.get("chaos_failover_p50_s"), figures.get("chaos_failover_p99_s"),
                figures.get("chaos_failover_max_s"), Arrays.toString(Arrays.stream(sorted)
                        .map(s -> Math.round(s * 10) / 10.0).toArray()));
        return figures;
    }

    private static TagstreamProcess app(String name, Path work, String bootstrap, TopicsConfig topics, Path model) {
        List<String> args = new ArrayList<>(List.of("run", "--bootstrap", bootstrap, "--http-port", "0",
                "--set", "application.id=tagstream-chaos", "--set", "state.dir=" + work.resolve("state-" + name),
                "--set", "num.standby.replicas=1", "--set", "topic.partitions=" + PARTITIONS,
                "--set", "topic.audio=" + topics.audio(), "--set", "topic.features=" + topics.features(),
                "--set", "topic.labels=" + topics.labels(), "--set", "topic.segments=" + topics.segments(),
                "--set", "topic.dlq=" + topics.dlq(), "--set", "startup.timeout.ms=60000"));
        if (model != null) {
            args.addAll(List.of("--model", model.toString()));
        }
        return new TagstreamProcess(name, work, args.toArray(new String[0]));
    }

    /** One thread per stream, replaying it at real time; each adds its frames to {@code sent} when all are acked. */
    private static List<Thread> feeders(String bootstrap, TopicsConfig topics, Map<String, float[]> audio,
            FeatureSpec spec, Map<String, Integer> frames, AtomicLong sent) {
        List<Thread> threads = new ArrayList<>();
        audio.forEach((id, pcm) -> {
            Thread t = new Thread(() -> {
                IngestConfig config = new IngestConfig(id, SendMode.AUDIO, IngestConfig.DEFAULT_CHUNK_MILLIS, spec);
                // a broker kill stalls the sends for seconds: wait for acks up to two minutes, as a patient producer
                try (KafkaChunkSink sink = KafkaChunkSink.open(bootstrap, topics.audio(), id, Duration.ofMinutes(2))) {
                    new WavFileReplayer(config, ReplaySpeed.REAL_TIME, T0)
                            .replay(new DecodedAudio(pcm, spec.sampleRate()), sink, ProgressBar.silent());
                    sink.flush();
                    sent.addAndGet(frames.get(id));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    System.err.println("chaos: feeder of " + id + " failed: " + e.getMessage());
                }
            }, "chaos-feeder-" + id);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        });
        return threads;
    }

    /** {@code length} samples of {@code sample} from {@code offset} on, wrapping around. */
    static float[] looped(float[] sample, int offset, int length) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = sample[(int) (((long) offset + i) % sample.length)];
        }
        return out;
    }

    private static double percentile(double[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

}
