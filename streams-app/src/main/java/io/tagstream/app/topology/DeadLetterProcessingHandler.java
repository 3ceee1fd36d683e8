package io.tagstream.app.topology;

import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exception a processor did not handle itself: the input record goes to the dead-letter topic (in the same form as
 * the processors' own dead letters, cut to fit) and processing goes on.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.in(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.warn("processor {} failed on {}-{}@{}; the record goes to the dead-letter topic: {}",
                context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception.toString());
        return Response.resume(List.of(deadLetters.of(context, "processing failed: " + exception)));
    }
}
