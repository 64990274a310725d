package io.sensorfunctions.deadletter;

import io.micronaut.configuration.kafka.KafkaConsumerFactory;
import io.micronaut.configuration.kafka.config.AbstractKafkaConsumerConfiguration;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.exceptions.ConfigurationException;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Makes every consumer micronaut-kafka creates an {@link ErrorSafeConsumer}, in place of its own
 * {@link KafkaConsumerFactory}, with the same rules for deserializers.
 */
@Factory
class ErrorSafeConsumerFactory {

    /** @throws ConfigurationException when only one of the key and value deserializers is given as a bean */
    @Prototype
    @Replaces(factory = KafkaConsumerFactory.class, bean = Consumer.class)
    <K, V> Consumer<K, V> createConsumer(@Parameter AbstractKafkaConsumerConfiguration<K, V> configuration) {
        var key = configuration.getKeyDeserializer();
        var value = configuration.getValueDeserializer();
        if (key.isPresent() != value.isPresent()) {
            throw new ConfigurationException("Both the [keyDeserializer] and [valueDeserializer] must be set when setting either");
        }
        return new ErrorSafeConsumer<>(configuration.getConfig(), key.orElse(null), value.orElse(null));
    }
}
