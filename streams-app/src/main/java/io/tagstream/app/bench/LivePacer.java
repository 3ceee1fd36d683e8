package io.tagstream.app.bench;

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
 * Plays {@code streams} live streams at real time from one producer: every chunk period, each stream's next chunk
 * goes out as soon as its last sample would have been captured (event time = the wall clock of its first sample).
 * Each stream loops over the same audio from its own offset. Stops by itself after the given number of chunks and
 * ends every stream with an end-of-stream marker.
 */
final class LivePacer {

    private final String bootstrap;
    private final String topic;
    private final short[] audio;
    private final int sampleRate;
    private final int chunkSamples;

    LivePacer(String bootstrap, String topic, short[] audio, int sampleRate, int chunkSamples) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.audio = audio;
        this.sampleRate = sampleRate;
        this.chunkSamples = chunkSamples;
    }

    /** Milliseconds of audio per chunk. */
    long chunkMillis() {
        return chunkSamples * 1000L / sampleRate;
    }

    /**
     * Sends {@code chunks} chunks per stream in real time starting at wall time {@code startMs} (epoch ms, the event
     * time of every stream's first sample); returns the samples sent per stream.
     */
    long play(int streams, int chunks, long startMs) throws InterruptedException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer())) {
            for (int c = 0; c < chunks; c++) {
                long sendAtMs = startMs + (c + 1) * chunkMillis();
                long wait = sendAtMs - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                for (int s = 0; s < streams; s++) {
                    PcmChunk chunk = new PcmChunk(streamId(s), (long) c * chunkSamples, sampleRate,
                            startMs + c * chunkMillis(), slice(s, c), false);
                    send(producer, chunk, failure);
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

    static String streamId(int s) {
        return "live-" + s;
    }

    private void send(KafkaProducer<String, byte[]> producer, PcmChunk chunk, AtomicReference<Exception> failure) {
        producer.send(new ProducerRecord<>(topic, null, chunk.startTimeMs(), chunk.streamId(),
                PcmChunkCodec.encode(chunk)), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
    }

    /** Chunk {@code c} of stream {@code s}: the audio looped, from a per-stream offset. */
    private short[] slice(int s, int c) {
        short[] out = new short[chunkSamples];
        long offset = (long) s * 7_919 * chunkSamples / 10 + (long) c * chunkSamples;
        for (int i = 0; i < chunkSamples; i++) {
            out[i] = audio[(int) ((offset + i) % audio.length)];
        }
        return out;
    }
}
