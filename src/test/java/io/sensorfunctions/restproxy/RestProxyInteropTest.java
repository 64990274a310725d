package io.sensorfunctions.restproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.NodeTools;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST proxy with the Karapace tutorial's own client, Confluent's Python {@code confluent-kafka} (Debian's
 * python3-confluent-kafka 1.7.0) and our registry, on a real broker: records produced as Avro over REST are read by
 * its {@code AvroConsumer} value for value, and records its {@code AvroProducer} wrote are read through a REST
 * consumer instance in the avro format. A missing Python runtime skips the test here and fails it in CI
 * ({@link NodeTools#require}).
 */
@IntegrationTest
class RestProxyInteropTest {

    private static final String PYTHON = System.getenv().getOrDefault("INTEROP_PYTHON", "/usr/bin/python3");

    @Test
    void confluentsPythonClientReadsWhatTheProxyWritesAndWritesWhatItReads() throws Exception {
        NodeTools.require(NodeTools.commandWorks(PYTHON, "-c", "import confluent_kafka.avro, avro, requests"),
            PYTHON + " cannot import confluent_kafka.avro (apt-get install -y python3-confluent-kafka python3-avro python3-requests)");
        Map<String, Object> props = TestKafka.isolated("rest-interop");
        props.put("functions", "rest-proxy,registry");
        String overRest = topic();
        String fromPython = topic();
        JsonNode result;
        try (FunctionsInstance proxy = FunctionsInstance.start(props)) {
            String url = proxy.url().toString().replaceAll("/$", "");
            result = new ObjectMapper().readTree(NodeTools.run(Path.of("src/test/python"), Duration.ofMinutes(3), PYTHON,
                "rest_proxy_interop.py", url, props.get("schema.registry.url").toString(), TestKafka.bootstrapServers(), overRest, fromPython));
        }
        JsonNode written = result.path("written");
        assertThat(written).hasSize(3);
        assertThat(result.path("restProduceAnswer").path("offsets")).hasSize(3)
            .allSatisfy(offset -> assertThat(offset.path("error_code").isNull()).isTrue());
        assertThat(result.path("restProduceAnswer").path("value_schema_id").asInt()).isPositive();

        List<String> byConsumer = new ArrayList<>();
        result.path("readByAvroConsumer").forEach(r -> byConsumer.add(r.path("key").asText() + " " + r.path("value")));
        List<String> expected = new ArrayList<>();
        written.forEach(v -> expected.add(v.path("sensorId").asText() + " " + v));
        assertThat(byConsumer).as("AvroConsumer reads what the proxy wrote, value for value").containsExactlyInAnyOrderElementsOf(expected);

        List<String> overRestRead = new ArrayList<>();
        result.path("readOverRest").forEach(r -> overRestRead.add(r.path("key").asText() + " " + r.path("value")));
        List<String> expectedAvroJson = new ArrayList<>();
        written.forEach(v -> expectedAvroJson.add(v.path("sensorId").asText() + " {\"sensorId\":\"" + v.path("sensorId").asText()
            + "\",\"value\":" + v.path("value").asDouble() + ",\"timestamp\":" + v.path("timestamp").asLong() + ",\"unit\":"
            + (v.path("unit").isNull() ? "null" : "{\"string\":\"" + v.path("unit").asText() + "\"}") + "}"));
        assertThat(overRestRead).as("a REST consumer instance reads what AvroProducer wrote, in Avro's JSON encoding")
            .containsExactlyInAnyOrderElementsOf(expectedAvroJson);
    }

    private static String topic() {
        return TestKafka.createTopic("rest-interop-" + UUID.randomUUID(), 2);
    }
}
