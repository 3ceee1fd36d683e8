package io.tagstream.demo;

import java.util.Arrays;
import java.util.function.LongSupplier;

import io.tagstream.ingest.ChunkSink;
import io.tagstream.ingest.EncodedChunk;

/**
 * A {@link ChunkSink} in front of another that notes when (System.nanoTime) each audio chunk of its stream was
 * handed on: the start of a frame's latency is the send of the chunk holding the frame's last sample. Chunks are
 * fixed-size ({@code chunkSamples}, the last may be shorter), as the ingest encoders make them.
 */
public final class SendTimes implements ChunkSink {

    private final ChunkSink sink;
    private final int chunkSamples;
    private final LongSupplier clock;
    private long[] sentNanos = new long[256];
    private int chunks;

    public SendTimes(ChunkSink sink, int chunkSamples) {
        this(sink, chunkSamples, System::nanoTime);
    }

    /** With another clock than System.nanoTime (tests). */
    SendTimes(ChunkSink sink, int chunkSamples, LongSupplier clock) {
        if (chunkSamples < 1) {
            throw new IllegalArgumentException("chunk samples must be >= 1, got " + chunkSamples);
        }
        this.sink = sink;
        this.chunkSamples = chunkSamples;
        this.clock = clock;
    }

    @Override
    public void send(EncodedChunk chunk) {
        if (!chunk.endOfStream()) {
            noteSent(clock.getAsLong());
        }
        sink.send(chunk);
    }

    private synchronized void noteSent(long nanos) {
        if (chunks == sentNanos.length) {
            sentNanos = Arrays.copyOf(sentNanos, 2 * chunks);
        }
        sentNanos[chunks++] = nanos;
    }

    /** When the chunk holding {@code sample} was sent, or -1 if it was not (yet). */
    public synchronized long sentNanos(long sample) {
        long chunk = sample / chunkSamples;
        return chunk < chunks ? sentNanos[(int) chunk] : -1;
    }

    /** When the first chunk was sent, or -1 before. */
    public synchronized long firstSentNanos() {
        return chunks > 0 ? sentNanos[0] : -1;
    }

    @Override
    public void flush() {
        sink.flush();
    }

    @Override
    public void close() {
        sink.close();
    }

    @Override
    public String describe() {
        return sink.describe();
    }
}
