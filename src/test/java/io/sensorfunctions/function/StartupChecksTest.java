package io.sensorfunctions.function;

import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.StartupFailure;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A misconfiguration stops startup with one message that names the setting, rather than a quiet malfunction. */
@IntegrationTest
class StartupChecksTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "schema.registry.url | SELF                 | schema.registry.url (SCHEMA_REGISTRY_URL)",
        "functions           | reader,bogus         | FUNCTIONS contains unknown function 'bogus'",
        "topics.readings-partitions | 0             | readingsPartitions",
        "sensors.interval    | 0s                   | sensors.interval (SENSORS_INTERVAL) must be positive",
        "reader.auto-offset-reset | sometimes       | must be earliest, latest or none",
        "dead-letter.initial-backoff | 0ms          | dead-letter.initial-backoff must be positive",
    })
    void aMisconfigurationFailsStartupNamingTheSetting(String key, String value, String message) {
        Map<String, Object> props = TestKafka.isolated("startup-" + key.replace('.', '-'));
        props.put("functions", "emitter,reader");
        props.put("schema.registry.url", "http://localhost:1");
        props.put(key, "SELF".equals(value) ? "http://localhost:" + props.get("micronaut.server.port") : value);

        assertThat(StartupFailure.messages(props)).contains(message);
    }
}
