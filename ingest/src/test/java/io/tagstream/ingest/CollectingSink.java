package io.tagstream.ingest;

import java.util.ArrayList;
import java.util.List;

/** An in-memory {@link ChunkSink} for the tests of chunking and encoding that do not involve Kafka. */
final class CollectingSink implements ChunkSink {

    final List<EncodedChunk> sent = new ArrayList<>();
    int flushes;
    boolean closed;

    @Override
    public void send(EncodedChunk chunk) {
        sent.add(chunk);
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String describe() {
        return "memory";
    }
}
