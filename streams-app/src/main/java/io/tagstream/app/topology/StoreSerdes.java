package io.tagstream.app.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The value serdes of the app's state stores: every store holds one typed value, so the processors read and write
 * records, not bytes. The bytes (and so the changelogs) are each type's own form: {@link LabelStreamState},
 * {@link ContextChunk} and {@link AudioStreamState} in their binary layouts, a stream's view as JSON. A {@code null}
 * value (a delete) stays {@code null} both ways.
 */
final class StoreSerdes {

    static final Serde<AudioStreamState> AUDIO_STREAM_STATE = of(AudioStreamState::toBytes,
            AudioStreamState::fromBytes);
    static final Serde<LabelStreamState> LABEL_STREAM_STATE = of(LabelStreamState::toBytes,
            LabelStreamState::fromBytes);
    static final Serde<ObjectNode> STREAM_VIEW = of(StoreSerdes::json, StoreSerdes::streamView);

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreSerdes() {
    }

    /** The context store's values, whose frames have {@code dims} features ({@link ContextChunk}). */
    static Serde<ContextChunk> contextChunks(int dims) {
        return of(ContextChunk::toBytes, bytes -> ContextChunk.fromBytes(bytes, dims));
    }

    private static <T> Serde<T> of(Function<T, byte[]> write, Function<byte[], T> read) {
        return Serdes.serdeFrom((topic, value) -> value == null ? null : write.apply(value),
                (topic, bytes) -> bytes == null ? null : read.apply(bytes));
    }

    private static byte[] json(ObjectNode view) {
        try {
            return JSON.writeValueAsBytes(view);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode streamView(byte[] json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
