package io.sensorfunctions.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.NodeTools;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The default producer settings let clients without codec libraries read our topic: no lz4, snappy or zstd, which
 * kafka-python cannot decode without extras ({@code UnsupportedCodecError}) and kafkajs without a codec plugin.
 * Each reads the readings as a consumer-group member: kafka-python (Debian's {@code python3-kafka}, as the tutorials
 * install it) and kafkajs from npm.
 */
@IntegrationTest
class PlainClientsReaderTest {

    private static final String PYTHON = System.getenv().getOrDefault("INTEROP_PYTHON", "/usr/bin/python3");

    @Test
    void kafkaPythonWithoutCodecLibrariesReadsTheReadingsAsAGroupMember() throws Exception {
        NodeTools.require(NodeTools.commandWorks(PYTHON, "-c", "import kafka"),
            PYTHON + " cannot import kafka (apt-get install -y python3-kafka)");
        Map<String, Object> props = TestKafka.isolated("kafka-python");
        props.put("functions", "trigger,registry");
        String topic = props.get("topics.readings").toString();
        String group = "kafka-python-readers";

        try (FunctionsInstance server = FunctionsInstance.start(props)) {
            server.http().exchange(
                HttpRequest.POST("/produce", "{\"events\": 5, \"delayMs\": 0}").contentType(MediaType.APPLICATION_JSON));
            await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.endOffsets(topic) == 40);

            JsonNode read = new ObjectMapper().readTree(NodeTools.run(Path.of("src/test/python"), Duration.ofMinutes(1), PYTHON,
                "kafka_python_reader.py", TestKafka.bootstrapServers(), topic, group, "40"));
            assertThat(read.path("count").asInt()).isEqualTo(40);
            assertThat(read.path("confluentFramed").asInt()).as("each value in Confluent's wire format").isEqualTo(40);
            assertThat(TestKafka.committed(group)).isEqualTo(40);
        }
    }

    @Test
    void kafkajsWithoutACodecPluginReadsTheReadingsAsAGroupMember() throws Exception {
        Path tools = NodeTools.installed();
        Map<String, Object> props = TestKafka.isolated("kafkajs");
        props.put("functions", "trigger,registry");
        String topic = props.get("topics.readings").toString();

        try (FunctionsInstance server = FunctionsInstance.start(props)) {
            server.http().exchange(
                HttpRequest.POST("/produce", "{\"events\": 5, \"delayMs\": 0}").contentType(MediaType.APPLICATION_JSON));
            await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.endOffsets(topic) == 40);

            JsonNode read = new ObjectMapper().readTree(NodeTools.run(tools, Duration.ofMinutes(1), "node",
                "kafkajs_reader.js", TestKafka.bootstrapServers(), topic, "kafkajs-readers", "40"));
            assertThat(read.path("count").asInt()).isEqualTo(40);
            assertThat(read.path("confluentFramed").asInt()).as("each value in Confluent's wire format").isEqualTo(40);
        }
    }
}
