package io.sensorfunctions.kafka;

import io.micronaut.context.env.Environment;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka and serde settings for the clients and serdes we make by hand, read as micronaut-kafka's own clients get them
 * (with {@link ClientEnvironmentConfigurer}): environment variables included. {@code Environment.getProperties(prefix,
 * StringConvention.RAW)} leaves them out, so {@code KAFKA_BASIC_AUTH_USER_INFO} would never reach a registry client
 * made from it; {@code Environment.getProperty(prefix, Properties.class)} includes them.
 */
public final class KafkaSettings {

    private KafkaSettings() {
    }

    /**
     * @param prefixes configuration prefixes such as {@code kafka} and {@code kafka.producers.rest-proxy}; a later one's
     *                 keys replace an earlier one's
     * @return the dotted keys under them (Kafka's and Confluent's form, such as {@code basic.auth.user.info}); the
     *         dashed spellings Micronaut derives from a variable's name are left out
     */
    public static Map<String, Object> of(Environment environment, String... prefixes) {
        Properties resolved = new Properties();
        for (String prefix : prefixes) {
            ClientEnvironmentConfigurer.overlay(resolved, environment.getProperty(prefix, Properties.class).orElseGet(Properties::new));
        }
        Map<String, Object> settings = new HashMap<>();
        resolved.forEach((key, value) -> settings.put(key.toString(), value));
        return settings;
    }
}
