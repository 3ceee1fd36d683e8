package io.tagstream.ingest;

/** Where one stream's encoded chunks go, in order (Kafka in production: {@link KafkaChunkSink}). */
public interface ChunkSink extends AutoCloseable {

    /** Sends the next chunk of the stream; may return before it is acknowledged. */
    void send(EncodedChunk chunk);

    /** Blocks until every chunk sent so far is acknowledged; throws {@link IngestException} if one failed. */
    void flush();

    /** Flushes and releases the sink. */
    @Override
    void close();

    /** Where the chunks go, for messages ("topic tagstream.audio at 127.0.0.1:9092"). */
    String describe();
}
