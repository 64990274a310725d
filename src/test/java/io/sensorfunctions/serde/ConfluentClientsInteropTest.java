package io.sensorfunctions.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.NodeTools;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static io.sensorfunctions.serde.OrderVector.CONFLUENT_BYTES;
import static io.sensorfunctions.serde.OrderVector.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Interoperability with Confluent's own serdes in other languages, against our registry function and a real broker
 * (Confluent's Java serde is not on Maven Central):
 * <ul>
 *   <li>JavaScript: {@code @confluentinc/schemaregistry}, Confluent's current client and Avro serde, from npm;</li>
 *   <li>Python: {@code confluent-kafka} 1.7.0 from Debian ({@code python3-confluent-kafka}), the version Hopsworks' Kafka guide (2021)
 *       tutorial uses, with its Avro serializer, producer and consumer (librdkafka) and its registry client.</li>
 * </ul>
 * Each pins the reference byte vector ({@link OrderVector}) in both directions. A missing runtime skips its test (fails it in CI),
 * through {@link NodeTools}.
 */
@IntegrationTest
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfluentClientsInteropTest implements TestPropertyProvider {

    private static final String PYTHON = System.getenv().getOrDefault("INTEROP_PYTHON", "/usr/bin/python3");

    private String registryUrl;

    @Override
    public Map<String, String> getProperties() {
        Map<String, Object> props = TestKafka.isolated("client-interop");
        props.put("functions", "registry");
        registryUrl = props.get("schema.registry.url").toString();
        return TestKafka.strings(props);
    }

    @Test
    void confluentsJavaScriptSerdeAndOursWriteTheSameBytesAndReadEachOther() throws Exception {
        Path work = NodeTools.installed();
        String topic = ordersWrittenByUs("orders-js");

        JsonNode js = new ObjectMapper().readTree(NodeTools.run(work, Duration.ofMinutes(1), "node", "interop.js", registryUrl, topic,
            HexFormat.of().formatHex(readRaw(topic, 1).get(0))));

        assertThat(js.path("theirsHex").asText()).as("Confluent's JavaScript serializer writes the same bytes").isEqualTo(CONFLUENT_BYTES);
        assertDecodedOrder(js.path("decoded"));
        assertThat(js.path("defaultCompatibility").asText()).isEqualTo("BACKWARD");
        assertThat(js.path("compatibleV2").asBoolean()).isTrue();
        assertThat(js.path("compatibleRequired").asBoolean()).isFalse();
        assertThat(js.path("registeredV2").asInt()).isPositive().isNotEqualTo(1);
        assertThat(js.path("versions").toString()).isEqualTo("[1,2]");

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "o-1", HexFormat.of().parseHex(js.path("theirsHex").asText()))).get();
        }
        GenericRecord decoded = decodeWithOurs(topic, readRaw(topic, 2).get(1));
        assertThat(decoded.get("orderId")).hasToString("o-1");
        assertThat(decoded.get("amountCents")).isEqualTo(1234);
    }

    @Test
    void confluentsPythonClientAndOursWriteTheSameBytesAndReadEachOtherThroughKafka() throws Exception {
        NodeTools.require(NodeTools.commandWorks(PYTHON, "-c", "import confluent_kafka.avro, avro, requests"),
            PYTHON + " cannot import confluent_kafka.avro (apt-get install -y python3-confluent-kafka python3-avro python3-requests)");
        String topic = ordersWrittenByUs("orders-py");
        String fromPython = createTopic("orders-from-py");

        JsonNode py = new ObjectMapper().readTree(NodeTools.run(Path.of("src/test/python"), Duration.ofMinutes(2), PYTHON, "interop.py",
            registryUrl, TestKafka.bootstrapServers(), topic, fromPython));

        assertThat(py.path("theirsHex").asText()).as("Confluent's Python serializer writes the same bytes").isEqualTo(CONFLUENT_BYTES);
        assertDecodedOrder(py.path("decoded"));
        assertThat(py.path("latestId").asInt()).isEqualTo(1);
        assertThat(py.path("latestVersion").asInt()).isEqualTo(1);
        assertThat(py.path("registeredAgain").asInt()).isEqualTo(1);
        assertThat(py.path("compatibility").asText()).isEqualTo("BACKWARD");
        assertThat(py.path("compatibleV2").asBoolean()).isTrue();
        assertThat(py.path("compatibleRequired").asBoolean()).isFalse();

        GenericRecord produced = decodeWithOurs(fromPython, readRaw(fromPython, 1).get(0));
        assertThat(produced.get("orderId")).hasToString("o-2");
        assertThat(produced.get("amountCents")).isEqualTo(99);
        assertThat(produced.get("note")).hasToString("from python");
    }

    private static void assertDecodedOrder(JsonNode decoded) {
        assertThat(decoded.path("orderId").asText()).isEqualTo("o-1");
        assertThat(decoded.path("amountCents").asInt()).isEqualTo(1234);
        assertThat(decoded.path("note").isNull()).isTrue();
    }

    /** A new topic holding the vector's Order, written by our serializer; checks the bytes on the broker. */
    private String ordersWrittenByUs(String name) throws ExecutionException, InterruptedException {
        String topic = createTopic(name);
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registryUrl), false);
            try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), serializer)) {
                // No key: Confluent's Python AvroConsumer would try to decode a plain-string key as Avro.
                producer.send(new ProducerRecord<>(topic, null, order())).get();
            }
        }
        assertThat(HexFormat.of().formatHex(readRaw(topic, 1).get(0))).isEqualTo(CONFLUENT_BYTES);
        return topic;
    }

    private GenericRecord decodeWithOurs(String topic, byte[] value) {
        try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
            deserializer.configure(Map.of("schema.registry.url", registryUrl), false);
            return (GenericRecord) deserializer.deserialize(topic, value);
        }
    }

    private static String createTopic(String name) throws ExecutionException, InterruptedException {
        try (AdminClient admin = TestKafka.admin()) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        }
        return name;
    }

    private static Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    }

    /** The topic's raw values, first {@code count} records, exactly as the broker stores them. */
    private static List<byte[]> readRaw(String topic, int count) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    values.add(record.value());
                }
                return values.size() >= count;
            });
        }
        return values;
    }

}
