package io.sensorfunctions.serde;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import jakarta.inject.Inject;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
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
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The Avro serde through a real broker and the registry function: schema evolution both ways, a refused incompatible
 * version, caching (counted at the registry), Avro keys, subject name strategies, {@code use.latest.version}, and
 * deserializer errors that name topic, partition and offset.
 */
@IntegrationTest
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AvroSerdeTest implements TestPropertyProvider {

    private static final String SPEC = "AvroSerdeTest";
    private static final String V2_TYPE = "io.sensorfunctions.avro.v2.SensorReading";

    @Inject
    RegistryRequests requests;

    private String registryUrl;

    @Override
    public Map<String, String> getProperties() {
        Map<String, Object> props = TestKafka.isolated("serde");
        props.put("functions", "registry");
        props.put("spec.name", SPEC);
        registryUrl = props.get("schema.registry.url").toString();
        return TestKafka.strings(props);
    }

    @BeforeEach
    void forgetRequests() {
        requests.seen.clear();
    }

    /** Counts what reaches the registry function, so caching is proven where it matters. */
    @Requires(property = "spec.name", value = SPEC)
    @ServerFilter("/**")
    static class RegistryRequests {
        final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();

        @RequestFilter
        void count(HttpRequest<?> request) {
            seen.add(request.getMethodName() + " " + request.getPath());
        }
    }

    private static String topic(String name) throws ExecutionException, InterruptedException {
        String topic = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (AdminClient admin = TestKafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        return topic;
    }

    private Map<String, Object> serde(Object... settings) {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", registryUrl);
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i].toString(), settings[i + 1]);
        }
        return config;
    }

    private KafkaProducer<Object, Object> producer(Map<String, Object> serde) {
        Map<String, Object> config = new HashMap<>(serde);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.putIfAbsent(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafkaAvroSerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    private <K, V> List<ConsumerRecord<K, V>> consume(String topic, int count, Map<String, Object> serde) {
        Map<String, Object> config = new HashMap<>(serde);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "serde-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafkaAvroDeserializer.class.getName());
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records;
    }

    private static SensorReading v1(String id, double value) {
        return SensorReading.newBuilder().setTimestamp(java.time.Instant.ofEpochMilli(1_700_000_000_000L)).setId(id).setValue(value).build();
    }

    private static io.sensorfunctions.avro.v2.SensorReading v2(String id, double value, String unit) {
        return io.sensorfunctions.avro.v2.SensorReading.newBuilder().setTimestamp(java.time.Instant.ofEpochMilli(1_700_000_000_000L))
            .setId(id).setValue(value).setUnit(unit).build();
    }

    @Test
    void readersOnV1AndV2EachReadRecordsWrittenWithTheOther() throws Exception {
        String topic = topic("evolve");
        try (KafkaProducer<Object, Object> producer = producer(serde())) {
            producer.send(new ProducerRecord<>(topic, "sensor1", v1("sensor1", 1.5))).get();
            producer.send(new ProducerRecord<>(topic, "sensor2", v2("sensor2", 2.5, "celsius"))).get();
        }

        List<ConsumerRecord<String, SensorReading>> onV1 = consume(topic, 2, serde("specific.avro.reader", true,
            "specific.avro.value.type", SensorReading.class.getName()));
        assertThat(onV1).extracting(r -> r.value().getId() + "=" + r.value().getValue()).containsExactly("sensor1=1.5", "sensor2=2.5");

        List<ConsumerRecord<String, io.sensorfunctions.avro.v2.SensorReading>> onV2 = consume(topic, 2,
            serde("specific.avro.reader", true, "specific.avro.value.type", V2_TYPE));
        assertThat(onV2).extracting(r -> r.value().getId() + "=" + r.value().getValue() + " " + r.value().getUnit())
            .containsExactly("sensor1=1.5 null", "sensor2=2.5 celsius");
    }

    @Test
    void anIncompatibleVersionIsRefusedWith409AndTheProducerSaysSo() throws Exception {
        String topic = topic("refuse");
        try (KafkaProducer<Object, Object> producer = producer(serde())) {
            producer.send(new ProducerRecord<>(topic, "sensor1", v1("sensor1", 1.0))).get();
            Schema v1 = SensorReading.getClassSchema();
            List<Schema.Field> fields = new ArrayList<>(v1.getFields().stream().map(f -> new Schema.Field(f, f.schema())).toList());
            fields.add(new Schema.Field("unit", Schema.create(Schema.Type.STRING)));
            Schema required = Schema.createRecord(v1.getName(), null, v1.getNamespace(), false, fields);
            GenericRecord incompatible = new GenericData.Record(required);
            incompatible.put("timestamp", 1L);
            incompatible.put("id", "sensor1");
            incompatible.put("value", 1.0);
            incompatible.put("unit", "celsius");

            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "sensor1", incompatible)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(topic + "-value")
                .hasMessageContaining("409")
                .hasMessageContaining("incompatible")
                .hasMessageContaining("unit");
        }
        try (AdminClient admin = TestKafka.admin()) {
            TopicPartition partition = new TopicPartition(topic, 0);
            assertThat(admin.listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest())).partitionResult(partition).get().offset())
                .as("the refused record never reached the topic").isEqualTo(1);
        }
    }

    @Test
    void aSteadyStreamCallsTheRegistryOnceOnEachSide() throws Exception {
        String topic = topic("steady");
        int records = 500;
        try (KafkaProducer<Object, Object> producer = producer(serde())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "sensor" + (i % 8), v1("sensor" + (i % 8), i)));
            }
            producer.flush();
        }
        assertThat(consume(topic, records, serde("specific.avro.reader", true))).hasSize(records);

        List<String> seen = List.copyOf(requests.seen);
        assertThat(seen).as("one registration by the producer, one schema fetch by the consumer, for %d records", records)
            .containsExactlyInAnyOrder("POST /subjects/" + topic + "-value/versions", "GET /schemas/ids/" + idOf(topic + "-value"));
    }

    private int idOf(String subject) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            URI.create(registryUrl + "/subjects/" + subject + "/versions/latest")).build(), HttpResponse.BodyHandlers.ofString());
        return Integer.parseInt(answer.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
    }

    @Test
    void keysAreAvroTooUnderEachSubjectNameStrategy() throws Exception {
        String topic = topic("keys");
        Map<String, Object> keyed = serde(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, KafkaAvroSerializer.class.getName(),
            "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");
        try (KafkaProducer<Object, Object> producer = producer(keyed)) {
            producer.send(new ProducerRecord<>(topic, "sensor3", v1("sensor3", 3.0))).get();
        }
        try (KafkaProducer<Object, Object> producer = producer(serde(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, KafkaAvroSerializer.class.getName(),
            "value.subject.name.strategy", "RecordNameStrategy"))) {
            producer.send(new ProducerRecord<>(topic, "sensor4", v2("sensor4", 4.0, "kelvin"))).get();
        }

        List<ConsumerRecord<Object, Object>> records = consume(topic, 2,
            serde(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, KafkaAvroDeserializer.class.getName()));
        assertThat(records.get(0).key()).isEqualTo("sensor3");
        assertThat(((GenericRecord) records.get(0).value()).get("id")).hasToString("sensor3");
        assertThat(subjects()).contains(topic + "-key", topic + "-" + SensorReading.class.getName(), V2_TYPE);
    }

    private String subjects() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(registryUrl + "/subjects")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The producer of Hopsworks' Kafka guide (2021): the schema is registered elsewhere, the producer only uses the latest version. */
    @Test
    void withoutAutoRegisterTheLatestVersionRegisteredByAnotherClientIsUsed() throws Exception {
        String topic = topic("latest");
        // As a non-Java client registers it: no avro.java.string, no docs.
        String plain = "{\"type\":\"record\",\"name\":\"SensorReading\",\"namespace\":\"io.sensorfunctions.avro\",\"fields\":["
            + "{\"name\":\"timestamp\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}},"
            + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"value\",\"type\":\"double\"}]}";
        int id = new SchemaRegistryClient(List.of(registryUrl), null).register(topic + "-value", new Schema.Parser().parse(plain));
        Map<String, Object> latestOnly = serde("auto.register.schemas", false, "use.latest.version", true);
        requests.seen.clear();

        byte[] bytes;
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(latestOnly, false);
            bytes = serializer.serialize(topic, v1("sensor5", 5.0));
            assertThatThrownBy(() -> serializer.serialize(topic, v2("sensor5", 5.0, "C")))
                .isInstanceOf(SerializationException.class).hasMessageContaining("use.latest.version");
        }
        assertThat(java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(requests.seen).as("no registration, and the latest version read once")
            .containsExactly("GET /subjects/" + topic + "-value/versions/latest");
    }

    @Test
    void deserializerErrorsNameTopicPartitionOffsetAndTheProblem() throws Exception {
        String topic = topic("poison");
        int id;
        try (KafkaProducer<Object, Object> producer = producer(serde())) {
            producer.send(new ProducerRecord<>(topic, "ok", v1("ok", 1.0))).get();
            id = idOf(topic + "-value");
        }
        byte[] truncated = HexFormat.of().parseHex("00" + String.format("%08x", id) + "80");
        Map<String, Object> raw = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(raw, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, "magic", HexFormat.of().parseHex("0100000001020304"))).get();
            producer.send(new ProducerRecord<>(topic, 0, "unknown-id", HexFormat.of().parseHex("00000f423f00"))).get();
            producer.send(new ProducerRecord<>(topic, 0, "truncated", truncated)).get();
        }

        Map<String, Object> config = new HashMap<>(serde());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "poison-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafkaAvroDeserializer.class.getName());
        List<String> problems = List.of("magic byte 0x01", "schema id 999999", "truncated");
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.poll(Duration.ofMillis(100)).isEmpty());
            for (int offset = 1; offset <= 3; offset++) {
                long expected = offset;
                String problem = problems.get(offset - 1);
                RecordDeserializationException error = await().atMost(Duration.ofSeconds(30))
                    .until(() -> pollForError(consumer), e -> e != null);
                assertThat(error.topicPartition()).isEqualTo(new TopicPartition(topic, 0));
                assertThat(error.offset()).isEqualTo(expected);
                assertThat(error.getMessage()).contains(topic + "-0").contains("offset " + expected);
                assertThat(error.getCause().getMessage()).contains(topic).contains(problem);
                consumer.seek(error.topicPartition(), error.offset() + 1);
            }
        }
    }

    private static RecordDeserializationException pollForError(KafkaConsumer<String, Object> consumer) {
        try {
            consumer.poll(Duration.ofMillis(100));
            return null;
        } catch (RecordDeserializationException e) {
            return e;
        }
    }
}
