package io.tagstream.app.topology;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when Kafka refuses a record the app writes. A retriable error is retried (Kafka's default). An output
 * record that is too large sends its input record to the dead-letter topic (cut to fit, {@link DeadLetters}) and
 * processing goes on. A dead letter that is refused is counted and logged, never dead-lettered again: the error path
 * cannot loop or recurse. Anything else (authorisation, a missing topic) stops the thread: it needs a person.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.in(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        if (record.topic().equals(deadLetters.topic())) {
            deadLetters.dropped();
            LOG.warn("a dead letter for {}-{}@{} was refused and is dropped: {}", context.topic(), context.partition(),
                    context.offset(), exception.toString());
            return Response.resume();
        }
        if (exception instanceof RecordTooLargeException) {
            LOG.warn("an output record to {} from {}-{}@{} is too large; its input goes to the dead-letter topic",
                    record.topic(), context.topic(), context.partition(), context.offset());
            return Response.resume(List.of(deadLetters.of(context, "output record to " + record.topic()
                    + " too large: " + exception.getMessage())));
        }
        LOG.error("Kafka refused a record to {} from {}-{}@{}: {}", record.topic(), context.topic(),
                context.partition(), context.offset(), exception.toString());
        return Response.fail();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        LOG.warn("an output record to {} from {}-{}@{} cannot be serialised; its input goes to the dead-letter topic",
                record.topic(), context.topic(), context.partition(), context.offset());
        return Response.resume(List.of(deadLetters.of(context, "output record cannot be serialised: " + exception)));
    }
}
