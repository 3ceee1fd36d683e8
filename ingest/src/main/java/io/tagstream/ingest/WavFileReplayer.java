package io.tagstream.ingest;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;

import io.tagstream.features.AudioFileException;
import io.tagstream.features.DecodedAudio;
import io.tagstream.features.Pcm16;
import io.tagstream.features.WavDecoder;
import io.tagstream.kafka.KafkaConnection;
import io.tagstream.kafka.TopicCreator;
import io.tagstream.kafka.TopicsConfig;

/**
 * Replays a WAV recording into Kafka as one stream, exactly as if it were being captured live: decoded and resampled
 * to the pipeline rate, quantised to 16 bits, cut into chunks of {@link IngestConfig#chunkMillis()}, encoded per the
 * send mode, each chunk released when its audio is complete at the replay speed, then an end-of-stream marker.
 *
 * <p>Deterministic: the same file with the same start epoch gives byte-identical record values and timestamps.
 */
public final class WavFileReplayer {

    private final IngestConfig config;
    private final ReplaySpeed speed;
    private final long startEpochMs;

    /**
     * @param startEpochMs event time of the recording's first sample (epoch ms); fix it for reproducible replays
     */
    public WavFileReplayer(IngestConfig config, ReplaySpeed speed, long startEpochMs) {
        if (config == null || speed == null) {
            throw new IllegalArgumentException("ingest config and replay speed are required");
        }
        new EventClock(startEpochMs, config.sampleRate()); // validates the start time
        this.config = config;
        this.speed = speed;
        this.startEpochMs = startEpochMs;
    }

    /**
     * The whole file path, as {@code tagstream ingest --file} runs it: decode and validate the file (nothing touches
     * Kafka if it is bad), make sure the target topic exists, replay, report.
     *
     * @param progressForSeconds the progress bar for a recording of that many seconds (e.g. {@link
     *                           ProgressBar#forTerminal})
     */
    public IngestSummary replayInto(Path wav, String bootstrapServers, TopicsConfig topics,
                                    DoubleFunction<ProgressBar> progressForSeconds)
            throws AudioFileException, InterruptedException {
        return replayInto(wav, KafkaConnection.of(bootstrapServers), topics, progressForSeconds);
    }

    /** As above over {@code connection} (with its security settings). */
    public IngestSummary replayInto(Path wav, KafkaConnection connection, TopicsConfig topics,
                                    DoubleFunction<ProgressBar> progressForSeconds)
            throws AudioFileException, InterruptedException {
        DecodedAudio audio = load(wav);
        ProgressBar progress = progressForSeconds.apply(audio.durationSeconds());
        String topic = config.mode().topic(topics);
        TopicCreator.ensureTopics(connection, List.of(topic), topics.partitions(), topics.replicationFactor(),
                KafkaChunkSink.DEFAULT_TIMEOUT);
        try (KafkaChunkSink sink = KafkaChunkSink.open(connection, topic, config.streamId(),
                KafkaChunkSink.DEFAULT_TIMEOUT)) {
            return replay(audio, sink, progress);
        }
    }

    /** Decodes {@code wav} to mono at the pipeline rate; a bad file throws with a one-line message naming it. */
    public DecodedAudio load(Path wav) throws AudioFileException {
        return WavDecoder.decode(wav, config.sampleRate());
    }

    /** Replays decoded audio (at the pipeline rate) into {@code sink}, paced, and flushes it. */
    public IngestSummary replay(DecodedAudio audio, ChunkSink sink, ProgressBar progress) throws InterruptedException {
        if (audio.sampleRate() != config.sampleRate()) {
            throw new IllegalArgumentException("audio is at " + audio.sampleRate() + " Hz, the pipeline runs at "
                    + config.sampleRate() + " Hz");
        }
        short[] pcm = Pcm16.quantize(audio.samples());
        StreamPublisher publisher = new StreamPublisher(ChunkEncoder.forConfig(config, startEpochMs), sink);
        Pacer pacer = new Pacer(speed);
        pacer.start();
        int step = config.chunkSamples();
        for (int from = 0; from < pcm.length; from += step) {
            int to = Math.min(pcm.length, from + step);
            pacer.awaitMediaTime(nanosOf(to));
            publisher.publish(Arrays.copyOfRange(pcm, from, to));
            progress.update((double) to / config.sampleRate());
        }
        publisher.finish();
        progress.finish();
        return new IngestSummary(config.mode(), sink.describe(), publisher.chunks(), publisher.samples(),
                publisher.frames(), audio.durationSeconds(), pacer.elapsedSeconds());
    }

    private long nanosOf(long samples) {
        return samples * 1_000_000_000L / config.sampleRate();
    }
}
