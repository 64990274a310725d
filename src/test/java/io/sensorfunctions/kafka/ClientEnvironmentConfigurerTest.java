package io.sensorfunctions.kafka;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overlay keeps Kafka's dotted keys of what the environment resolved and drops the dashed spellings Micronaut
 * derives from a variable's name. End to end, against the packaged jar and the image, the artifact tier proves that
 * {@code KAFKA_CONSUMERS_DEFAULT_*} and {@code KAFKA_PRODUCERS_SENSOR_EMITTER_*} reach the clients
 * ({@code ShippedArtifactChecks}); {@link ClientVariablesCheck} refuses a variable of a client with no configuration.
 */
class ClientEnvironmentConfigurerTest {

    @Test
    void dottedKeysFromTheEnvironmentReplaceTheConfiguredOnesAndDashedSpellingsStayOut() {
        Properties config = new Properties();
        config.put("max.poll.records", 500);
        config.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        Properties resolved = new Properties();
        resolved.put("max.poll.records", "123");
        resolved.put("max.poll-records", "123");
        resolved.put("max-poll-records", "123");
        resolved.put("group.instance.id", "reader-0");

        ClientEnvironmentConfigurer.overlay(config, resolved);

        assertThat(config).containsEntry("max.poll.records", "123").containsEntry("group.instance.id", "reader-0")
            .containsEntry("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer")
            .doesNotContainKeys("max.poll-records", "max-poll-records");
    }
}
