package io.sensorfunctions.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A client variable either belongs to a configured client or stops the start with its name and the remedy. */
class ClientVariablesCheckTest {

    private static final Map<String, Set<String>> NAMES = Map.of(
        "consumers", Set.of("default"),
        "producers", Set.of("default", "sensor-emitter", "dead-letter"));

    @Test
    void variablesOfConfiguredClientsPass() {
        assertThat(ClientVariablesCheck.unmatched(Map.of(
            "KAFKA_CONSUMERS_DEFAULT_MAX_POLL_RECORDS", "100",
            "KAFKA_PRODUCERS_SENSOR_EMITTER_LINGER_MS", "20",
            "KAFKA_PRODUCERS_DEAD_LETTER_ACKS", "all",
            "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
            "PATH", "/usr/bin"), NAMES)).isEmpty();
    }

    @Test
    void aVariableOfAnUnconfiguredGroupIsNamedWithTheRemedy() {
        assertThat(ClientVariablesCheck.unmatched(Map.of(
            "KAFKA_CONSUMERS_SENSOR_READERS_GROUP_INSTANCE_ID", "reader-0",
            "KAFKA_PRODUCERS_SENSOR_ALERTER_LINGER_MS", "1"), NAMES))
            .containsExactly(
                "KAFKA_CONSUMERS_SENSOR_READERS_GROUP_INSTANCE_ID is set, but there is no kafka.consumers.<name> "
                    + "configuration it belongs to (there are: default), and micronaut-kafka makes a named one only from "
                    + "configuration files. Put the key under kafka.consumers.<name> in a file named by "
                    + "MICRONAUT_CONFIG_FILES, or use KAFKA_CONSUMERS_DEFAULT_<KEY> for every client of that kind",
                "KAFKA_PRODUCERS_SENSOR_ALERTER_LINGER_MS is set, but there is no kafka.producers.<name> "
                    + "configuration it belongs to (there are: dead-letter, default, sensor-emitter), and micronaut-kafka "
                    + "makes a named one only from configuration files. Put the key under kafka.producers.<name> in a "
                    + "file named by MICRONAUT_CONFIG_FILES, or use KAFKA_PRODUCERS_DEFAULT_<KEY> for every client of "
                    + "that kind");
    }
}
