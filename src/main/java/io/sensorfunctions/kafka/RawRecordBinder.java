package io.sensorfunctions.kafka;

import io.micronaut.configuration.kafka.bind.TypedConsumerRecordBinder;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Optional;

/**
 * Binds a listener's {@code ConsumerRecord<byte[], byte[]>} parameter to the polled record itself. Without it,
 * micronaut-kafka 5.9's {@code ConsumerRecordBinderRegistry} finds no binder for that type and makes a new
 * {@code KafkaDefaultBinder} for every record, which builds a map of twenty-odd arguments each time: the largest cost and allocation of the
 * reader's poll loop (docs/performance.md, "Why the hot paths look as they do").
 */
@Singleton
class RawRecordBinder implements TypedConsumerRecordBinder<ConsumerRecord<byte[], byte[]>> {

    /** The listeners' parameter type, type arguments included: the registry matches on its type hash. */
    static final Argument<ConsumerRecord<byte[], byte[]>> TYPE = Argument.of(
        (Class<ConsumerRecord<byte[], byte[]>>) (Class<?>) ConsumerRecord.class, byte[].class, byte[].class);

    @Override
    public Argument<ConsumerRecord<byte[], byte[]>> argumentType() {
        return TYPE;
    }

    @Override
    @SuppressWarnings("unchecked")
    public BindingResult<ConsumerRecord<byte[], byte[]>> bind(ArgumentConversionContext<ConsumerRecord<byte[], byte[]>> context,
                                                            ConsumerRecord<?, ?> source) {
        Optional<ConsumerRecord<byte[], byte[]>> record = Optional.of((ConsumerRecord<byte[], byte[]>) source);
        return () -> record;
    }
}
