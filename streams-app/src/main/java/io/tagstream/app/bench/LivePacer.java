package io.tagstream.app.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.tagstream.wire.PcmChunk;
import io.tagstream.wire.PcmChunkCodec;

/**
 * Plays live streams at real time from one producer: every chunk period, each stream's next chunk goes out as soon
 * as its last sample would have been captured (event time = the wall clock of its first sample). Stops by itself
 * when the streams' audio is used up and ends every stream with an end-of-stream marker.
 */
final class LivePacer {

    private final String bootstrap;
    private final String topic;
    private final int sampleRate;
    private final int chunkSamples;

    LivePacer(String bootstrap, String topic, int sampleRate, int chunkSamples) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.sampleRate = sampleRate;
        this.chunkSamples = chunkSamples;
    }

    /** Milliseconds of audio per chunk. */
    long chunkMillis() {
        return chunkSamples * 1000L / sampleRate;
    }

    /**
     * Plays stream s's PCM from {@code audio.get(s)} (all of the same length), whole chunks only, in real time
     * starting at wall time {@code startMs} (epoch ms, the event time of every stream's first sample); returns the
     * samples sent per stream.
     */
    long play(List<short[]> audio, long startMs) throws InterruptedException {
        int streams = audio.size();
        int chunks = audio.get(0).length / chunkSamples;
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int c = 0; c < chunks; c++) {
                long sendAtMs = startMs + (c + 1) * chunkMillis();
                long wait = sendAtMs - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                for (int s = 0; s < streams; s++) {
                    send(producer, chunk(streamId(s), audio.get(s), c, startMs), failure);
                }
                if (failure.get() != null) {
                    throw new IllegalStateException("live replay failed: " + failure.get().getMessage(),
                            failure.get());
                }
            }
            long end = (long) chunks * chunkSamples;
            for (int s = 0; s < streams; s++) {
                send(producer, new PcmChunk(streamId(s), end, sampleRate, startMs + chunks * chunkMillis(),
                        new short[0], true), failure);
            }
            producer.flush();
            return end;
        }
    }

    static final String LIVE_PREFIX = "live-";
    static final String IDLE_PREFIX = "idle-";

    static String streamId(int s) {
        return LIVE_PREFIX + s;
    }

    /**
     * Sends stream s's PCM from {@code audio.get(s)} as idle stream {@code "idle-s"}, whole chunks only, as fast as
     * possible, with event times from {@code startMs}, and does not end the streams: they stay open, silent. Returns
     * the samples sent per stream.
     */
    long park(List<short[]> audio, long startMs) throws InterruptedException {
        int chunks = audio.get(0).length / chunkSamples;
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int c = 0; c < chunks; c++) {
                for (int s = 0; s < audio.size(); s++) {
                    send(producer, chunk(IDLE_PREFIX + s, audio.get(s), c, startMs), failure);
                }
            }
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("idle streams failed: " + failure.get().getMessage(), failure.get());
            }
            return (long) chunks * chunkSamples;
        }
    }

    /** An idempotent producer that sends each record at once (no linger). */
    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    }

    /** Chunk {@code c} of {@code pcm} as stream {@code streamId}, its event time {@code startMs} plus its offset. */
    private PcmChunk chunk(String streamId, short[] pcm, int c, long startMs) {
        return new PcmChunk(streamId, (long) c * chunkSamples, sampleRate, startMs + c * chunkMillis(),
                Arrays.copyOfRange(pcm, c * chunkSamples, (c + 1) * chunkSamples), false);
    }

    private void send(KafkaProducer<String, byte[]> producer, PcmChunk chunk, AtomicReference<Exception> failure) {
        producer.send(new ProducerRecord<>(topic, null, chunk.startTimeMs(), chunk.streamId(),
                PcmChunkCodec.encode(chunk)), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
    }
}
