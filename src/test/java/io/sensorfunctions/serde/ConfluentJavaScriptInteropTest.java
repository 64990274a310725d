package io.sensorfunctions.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.sensorfunctions.TestKafka;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.sensorfunctions.serde.OrderVector.CONFLUENT_BYTES;
import static io.sensorfunctions.serde.OrderVector.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Interoperability with Confluent's own serde in another language: {@code @confluentinc/schemaregistry}, Confluent's
 * JavaScript schema registry client and Avro serializer (from npm; Confluent's Java serde is not on Maven Central),
 * against our registry function and a real broker. Pins the pipeline issue's byte vector in both directions.
 *
 * <p>Needs Node.js and npm. Without them the test is skipped with a message, except in CI ({@code CI} set), where it
 * fails so the check is never silently lost.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfluentJavaScriptInteropTest implements TestPropertyProvider {

    private static final Path SOURCES = Path.of("src/test/js");
    private static final Path WORK = Path.of("target/confluent-js");

    private String registryUrl;

    @Override
    public Map<String, String> getProperties() {
        Map<String, Object> props = TestKafka.isolated("js-interop");
        props.put("functions", "registry");
        registryUrl = props.get("schema.registry.url").toString();
        return TestKafka.strings(props);
    }

    @BeforeAll
    void installConfluentsClient() throws IOException, InterruptedException {
        if (!commandWorks("node", "--version") || !commandWorks("npm", "--version")) {
            String reason = "Node.js and npm are not on the PATH; install them (apt-get install -y nodejs npm) to run "
                + "the Confluent JavaScript interop test";
            if (System.getenv("CI") != null) {
                fail(reason);
            }
            Assumptions.abort(reason);
        }
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "interop.js")) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/@confluentinc/schemaregistry"))) {
            run(Duration.ofMinutes(5), "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        }
    }

    @Test
    void confluentsJavaScriptSerdeAndOursWriteTheSameBytesAndReadEachOther() throws Exception {
        String topic = "orders-js";
        try (AdminClient admin = TestKafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Map<String, Object> serde = Map.of("schema.registry.url", registryUrl);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), serializer(serde))) {
            producer.send(new ProducerRecord<>(topic, "o-1", order())).get();
        }
        String oursFromTopic = HexFormat.of().formatHex(readRaw(topic, 1).get(0));
        assertThat(oursFromTopic).isEqualTo(CONFLUENT_BYTES);

        JsonNode js = new ObjectMapper().readTree(run(Duration.ofMinutes(1), "node", "interop.js", registryUrl, topic, oursFromTopic));

        assertThat(js.path("theirsHex").asText()).as("Confluent's JavaScript serializer writes the same bytes").isEqualTo(CONFLUENT_BYTES);
        assertThat(js.path("decoded").path("orderId").asText()).isEqualTo("o-1");
        assertThat(js.path("decoded").path("amountCents").asInt()).isEqualTo(1234);
        assertThat(js.path("decoded").path("note").isNull()).isTrue();
        assertThat(js.path("defaultCompatibility").asText()).isEqualTo("BACKWARD");
        assertThat(js.path("compatibleV2").asBoolean()).isTrue();
        assertThat(js.path("compatibleRequired").asBoolean()).isFalse();
        assertThat(js.path("registeredV2").asInt()).isEqualTo(2);
        assertThat(js.path("versions").toString()).isEqualTo("[1,2]");

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "o-1", HexFormat.of().parseHex(js.path("theirsHex").asText()))).get();
        }
        try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
            deserializer.configure(serde, false);
            GenericRecord decoded = (GenericRecord) deserializer.deserialize(topic, readRaw(topic, 2).get(1));
            assertThat(decoded.get("orderId")).hasToString("o-1");
            assertThat(decoded.get("amountCents")).isEqualTo(1234);
        }
    }

    private static KafkaAvroSerializer serializer(Map<String, Object> serde) {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(serde, false);
        return serializer;
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

    private static boolean commandWorks(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a command in {@link #WORK}; returns its stdout, or fails with its stderr. */
    private static String run(Duration timeout, String... command) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("interop", ".err");
        Process process = new ProcessBuilder(command).directory(WORK.toFile())
            .redirectError(errors.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + timeout);
        }
        String err = Files.readString(errors);
        Files.delete(errors);
        if (process.exitValue() != 0) {
            fail(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + err + out);
        }
        return out.trim();
    }
}
