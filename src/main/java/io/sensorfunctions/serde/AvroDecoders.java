package io.sensorfunctions.serde;

import io.micronaut.context.env.Environment;
import io.sensorfunctions.kafka.KafkaSettings;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * Makes {@link AvroValueDecoder}s from the consumers' Avro settings: every {@code kafka.*} key, overridden by
 * {@code kafka.consumers.default.*}, as micronaut-kafka merges them for a consumer (so {@code schema.registry.url}
 * and {@code basic.auth.*} are set once for the deserializer and the listeners alike).
 */
@Singleton
public class AvroDecoders {

    private final Map<String, Object> settings = new HashMap<>();

    AvroDecoders(Environment environment) {
        settings.putAll(KafkaSettings.of(environment, "kafka", "kafka.consumers.default"));
    }

    /**
     * @param type the generated Avro class values must decode into
     * @return a decoder of its own, with its own schema cache
     * @throws org.apache.kafka.common.config.ConfigException naming the key when a setting is missing or invalid
     */
    public <T> AvroValueDecoder<T> forType(Class<T> type) {
        return new AvroValueDecoder<>(settings, type);
    }
}
