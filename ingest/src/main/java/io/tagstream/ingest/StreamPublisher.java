package io.tagstream.ingest;

/**
 * Feeds one stream's PCM chunks through its {@link ChunkEncoder} into a {@link ChunkSink} and counts what went out;
 * the file replay and the microphone share it, so a live stream and its replay produce the same records.
 */
final class StreamPublisher {

    private final ChunkEncoder encoder;
    private final ChunkSink sink;
    private long chunks;
    private long samples;
    private long frames;
    private boolean finished;

    StreamPublisher(ChunkEncoder encoder, ChunkSink sink) {
        this.encoder = encoder;
        this.sink = sink;
    }

    /** Encodes and sends the next chunk of the stream (if it completes anything to send). */
    void publish(short[] pcm) {
        if (finished) {
            throw new IllegalStateException("stream already ended");
        }
        samples += pcm.length;
        encoder.accept(pcm).ifPresent(chunk -> {
            sink.send(chunk);
            chunks++;
            frames += chunk.frames();
        });
    }

    /** Sends the end-of-stream marker and waits until everything is acknowledged. */
    void finish() {
        finished = true;
        sink.send(encoder.endOfStream());
        sink.flush();
    }

    long chunks() {
        return chunks;
    }

    long samples() {
        return samples;
    }

    long frames() {
        return frames;
    }
}
