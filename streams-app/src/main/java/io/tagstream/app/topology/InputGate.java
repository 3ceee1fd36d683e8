package io.tagstream.app.topology;

import io.tagstream.app.metrics.PipelineMetrics;
import io.tagstream.app.metrics.PipelineMetrics.TimedStage;
import java.util.function.Function;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.tagstream.wire.WireFormatException;

/**
 * The opening both processors share: a record is decoded, its key must be the chunk's stream, and the chunk must fit
 * the pipeline (the audio's sample rate, the features' spec). A record that fails goes to the dead-letter topic with a
 * one-line reason, and the processor moves on to the next record.
 *
 * @param <T> the chunk type
 */
final class InputGate<T> {

    private final String kind;
    private final Function<byte[], T> decoder;
    private final Function<T, String> streamIdOf;
    private final Function<T, String> misfit;
    private final DeadLetters deadLetters;
    private final PipelineMetrics metrics;

    /**
     * @param kind        what a record holds, for the reasons ("audio chunk")
     * @param decoder     bytes to chunk; throws {@link WireFormatException} on bytes that are not a chunk
     * @param streamIdOf  the stream a chunk belongs to (its record's key must be the same)
     * @param misfit      why a decoded chunk does not fit the pipeline, or {@code null} if it does
     * @param deadLetters where refused records go
     * @param metrics     counts the gate's time as the {@code decode} stage
     */
    InputGate(String kind, Function<byte[], T> decoder, Function<T, String> streamIdOf, Function<T, String> misfit,
            DeadLetters deadLetters, PipelineMetrics metrics) {
        this.kind = kind;
        this.decoder = decoder;
        this.streamIdOf = streamIdOf;
        this.misfit = misfit;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** The record's chunk, or {@code null} if the record went to the dead-letter topic. */
    T admit(ProcessorContext<String, byte[]> context, Record<String, byte[]> record) {
        long start = System.nanoTime();
        try {
            return check(context, record);
        } finally {
            metrics.timed(TimedStage.DECODE, start);
        }
    }

    private T check(ProcessorContext<String, byte[]> context, Record<String, byte[]> record) {
        T chunk;
        try {
            chunk = decoder.apply(record.value());
        } catch (WireFormatException e) {
            deadLetters.send(context, record, "undecodable " + kind + ": " + e.getMessage());
            return null;
        }
        String streamId = streamIdOf.apply(chunk);
        if (!streamId.equals(record.key())) {
            deadLetters.send(context, record, "record key '" + record.key() + "' is not the chunk's stream '" + streamId
                    + "'");
            return null;
        }
        String reason = misfit.apply(chunk);
        if (reason != null) {
            deadLetters.send(context, record, reason);
            return null;
        }
        return chunk;
    }
}
