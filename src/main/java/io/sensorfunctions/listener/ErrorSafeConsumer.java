package io.sensorfunctions.listener;

import io.micronaut.configuration.kafka.KafkaConsumerFactory;
import io.micronaut.configuration.kafka.config.AbstractKafkaConsumerConfiguration;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.exceptions.ConfigurationException;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * A {@link KafkaConsumer} whose {@code poll} turns an {@link Error} (an {@link OutOfMemoryError} while fetching or
 * deserializing, say) into a {@link WakeupException}, after telling whoever listens. micronaut-kafka 5.9's poll loop
 * catches only exceptions: an {@code Error} would end its thread silently, leave the partitions assigned until the
 * session times out, and make the application's shutdown wait for ever. A wakeup instead makes it close the
 * consumer, without committing anything of the failed poll, and leave the group. Every consumer micronaut-kafka
 * creates is one ({@link ConsumerFactory}).
 *
 * @param <K> key type
 * @param <V> value type
 */
public class ErrorSafeConsumer<K, V> extends KafkaConsumer<K, V> {

    private volatile Consumer<Error> onError = error -> { };

    /**
     * @param properties        the consumer's settings
     * @param keyDeserializer   its key deserializer, or null to take {@code key.deserializer} from the settings
     * @param valueDeserializer its value deserializer, or null to take {@code value.deserializer} from the settings
     */
    public ErrorSafeConsumer(Properties properties, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        super(properties, keyDeserializer, valueDeserializer);
    }

    /** @param onError told, on the poll thread, of an {@code Error} inside {@code poll} before the consumer is woken */
    public void onError(Consumer<Error> onError) {
        this.onError = onError;
    }

    @Override
    public ConsumerRecords<K, V> poll(Duration timeout) {
        try {
            return super.poll(timeout);
        } catch (Error e) {
            onError.accept(e);
            WakeupException wakeup = new WakeupException();
            wakeup.initCause(e);
            throw wakeup;
        }
    }

    /**
     * Makes every consumer micronaut-kafka creates an {@link ErrorSafeConsumer}, in place of its own
     * {@link KafkaConsumerFactory}, with the same rules for deserializers.
     */
    @Factory
    static class ConsumerFactory {

        /** @throws ConfigurationException when only one of the key and value deserializers is given as a bean */
        @Prototype
        @Replaces(factory = KafkaConsumerFactory.class, bean = org.apache.kafka.clients.consumer.Consumer.class)
        <K, V> org.apache.kafka.clients.consumer.Consumer<K, V> createConsumer(
            @Parameter AbstractKafkaConsumerConfiguration<K, V> configuration) {
            var key = configuration.getKeyDeserializer();
            var value = configuration.getValueDeserializer();
            if (key.isPresent() != value.isPresent()) {
                throw new ConfigurationException("Both the [keyDeserializer] and [valueDeserializer] must be set when setting either");
            }
            return new ErrorSafeConsumer<>(configuration.getConfig(), key.orElse(null), value.orElse(null));
        }
    }
}
