package io.tagstream.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;

import io.tagstream.features.AudioFileException;
import io.tagstream.features.DecodedAudio;
import io.tagstream.features.Pcm16;
import io.tagstream.features.StreamingWavDecoder;
import io.tagstream.kafka.KafkaConnection;
import io.tagstream.kafka.TopicCreator;
import io.tagstream.kafka.TopicsConfig;

/**
 * Replays a WAV recording into Kafka as one stream, exactly as if it were being captured live: decoded a block at a
 * time (bounded memory, whatever the file's length) and resampled to the pipeline rate, quantised to 16 bits, cut
 * into chunks of {@link IngestConfig#chunkMillis()}, encoded per the send mode, each chunk released when its audio is
 * complete at the replay speed, then an end-of-stream marker.
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
     * The whole file path, as {@code tagstream ingest --file} runs it: open and validate the file's headers (nothing
     * touches Kafka if it is bad), make sure the target topic exists, replay, report.
     *
     * @param progressForSeconds the progress bar for a recording of that many seconds (e.g. {@link
     *                           ProgressBar#forTerminal})
     */
    public IngestSummary replayInto(Path wav, String bootstrapServers, TopicsConfig topics,
                                    DoubleFunction<ProgressBar> progressForSeconds)
            throws AudioFileException, InterruptedException {
        return replayInto(wav, KafkaConnection.of(bootstrapServers), topics, progressForSeconds);
    }

    /** As above over {@code connection} (with its security settings), waiting for Kafka up to 30 s. */
    public IngestSummary replayInto(Path wav, KafkaConnection connection, TopicsConfig topics,
                                    DoubleFunction<ProgressBar> progressForSeconds)
            throws AudioFileException, InterruptedException {
        return replayInto(wav, connection, topics, progressForSeconds, KafkaChunkSink.DEFAULT_TIMEOUT);
    }

    /**
     * As above, waiting for Kafka up to {@code timeout}: for the topic at start, for metadata and for each record's
     * acknowledgement (a broker that restarts within it loses nothing).
     */
    public IngestSummary replayInto(Path wav, KafkaConnection connection, TopicsConfig topics,
                                    DoubleFunction<ProgressBar> progressForSeconds, Duration timeout)
            throws AudioFileException, InterruptedException {
        try (StreamingWavDecoder audio = StreamingWavDecoder.open(wav, config.sampleRate())) {
            ProgressBar progress = progressForSeconds.apply((double) audio.samples() / config.sampleRate());
            String topic = config.mode().topic(topics);
            TopicCreator.ensureTopics(connection, List.of(topic), topics.partitions(), topics.replicationFactor(),
                    timeout);
            try (KafkaChunkSink sink = KafkaChunkSink.open(connection, topic, config.streamId(), timeout)) {
                return replay(audio, sink, progress);
            }
        }
    }

    /**
     * Replays an opened WAV file into {@code sink} a block at a time (bounded memory, whatever its length), paced,
     * and flushes it: the same records as {@link #replay(DecodedAudio, ChunkSink, ProgressBar)} of the whole
     * decoded file.
     */
    public IngestSummary replay(StreamingWavDecoder audio, ChunkSink sink, ProgressBar progress)
            throws AudioFileException, InterruptedException {
        if (audio.sampleRate() != config.sampleRate()) {
            throw new IllegalArgumentException("audio is at " + audio.sampleRate() + " Hz, the pipeline runs at "
                    + config.sampleRate() + " Hz");
        }
        return replay(audio::next, (double) audio.samples() / config.sampleRate(), sink, progress);
    }

    /** Replays decoded audio (at the pipeline rate) into {@code sink}, paced, and flushes it. */
    public IngestSummary replay(DecodedAudio audio, ChunkSink sink, ProgressBar progress) throws InterruptedException {
        if (audio.sampleRate() != config.sampleRate()) {
            throw new IllegalArgumentException("audio is at " + audio.sampleRate() + " Hz, the pipeline runs at "
                    + config.sampleRate() + " Hz");
        }
        try {
            return replay(new OneBlock(audio.samples()), audio.durationSeconds(), sink, progress);
        } catch (AudioFileException e) {
            throw new IllegalStateException("audio in memory cannot fail to decode", e);
        }
    }

    /** Where the replay's samples come from: blocks at the pipeline rate, {@code null} after the last. */
    private interface SampleBlocks {
        float[] next() throws AudioFileException;
    }

    /** Audio in memory as one block. */
    private static final class OneBlock implements SampleBlocks {
        private float[] samples;

        OneBlock(float[] samples) {
            this.samples = samples;
        }

        @Override
        public float[] next() {
            float[] block = samples;
            samples = null;
            return block;
        }
    }

    /**
     * The replay loop: the samples, read a block at a time (so a file of any length replays in bounded memory), are
     * quantised and cut into chunks of {@link IngestConfig#chunkSamples()} counted from the first sample (the last
     * one shorter), each released when its audio is complete at the replay speed.
     */
    private IngestSummary replay(SampleBlocks blocks, double seconds, ChunkSink sink, ProgressBar progress)
            throws AudioFileException, InterruptedException {
        StreamPublisher publisher = new StreamPublisher(ChunkEncoder.forConfig(config, startEpochMs), sink);
        Pacer pacer = new Pacer(speed);
        pacer.start();
        short[] chunk = new short[config.chunkSamples()];
        int filled = 0;
        long sent = 0;
        for (float[] block = blocks.next(); block != null; block = blocks.next()) {
            short[] pcm = Pcm16.quantize(block);
            for (int at = 0; at < pcm.length; ) {
                int take = Math.min(chunk.length - filled, pcm.length - at);
                System.arraycopy(pcm, at, chunk, filled, take);
                filled += take;
                at += take;
                if (filled == chunk.length) {
                    sent += filled;
                    send(publisher, pacer, progress, Arrays.copyOf(chunk, filled), sent);
                    filled = 0;
                }
            }
        }
        if (filled > 0) {
            sent += filled;
            send(publisher, pacer, progress, Arrays.copyOf(chunk, filled), sent);
        }
        publisher.finish();
        progress.finish();
        return new IngestSummary(config.mode(), sink.describe(), publisher.chunks(), publisher.samples(),
                publisher.frames(), seconds, pacer.elapsedSeconds());
    }

    /** Publishes the chunk that ends at sample {@code end} once its audio is complete at the replay speed. */
    private void send(StreamPublisher publisher, Pacer pacer, ProgressBar progress, short[] chunk, long end)
            throws InterruptedException {
        pacer.awaitMediaTime(nanosOf(end));
        publisher.publish(chunk);
        progress.update((double) end / config.sampleRate());
    }

    private long nanosOf(long samples) {
        return samples * 1_000_000_000L / config.sampleRate();
    }
}
