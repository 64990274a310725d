package io.sensorfunctions.alerts;

import io.sensorfunctions.avro.SensorAlert;
import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.listener.ListenerState;
import io.sensorfunctions.listener.ListenerStates;
import io.sensorfunctions.serde.KafkaAvroDeserializer;
import io.sensorfunctions.serde.KafkaAvroSerializer;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alerts function on a real broker: a synthetic sensor crosses the thresholds and jumps; its alerts arrive on
 * the alerts topic as Avro keyed by sensor id, and the alerts group's offsets are its own.
 */
@IntegrationTest
class SensorAlertsTest {

    @ParameterizedTest
    @ValueSource(strings = {"exactly_once_v2", "at_least_once"})
    void aSyntheticSensorsCrossingsAndJumpsBecomeAlertEvents(String guarantee) throws Exception {
        Map<String, Object> props = TestKafka.isolated("alerts-" + guarantee.replace('_', '-'));
        String alertsTopic = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "alerts-test-group-" + guarantee.replace('_', '-');
        props.put("functions", "alerts,registry");
        props.put("topics.alerts", alertsTopic);
        props.put("alerts.group-id", group);
        props.put("alerts.processing-guarantee", guarantee);
        String readings = props.get("topics.readings").toString();
        Map<String, Object> serde = Map.of("schema.registry.url", props.get("schema.registry.url"));

        try (FunctionsInstance server = FunctionsInstance.start(props);
             KafkaProducer<String, Object> producer = new KafkaProducer<>(
                 Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()), new StringSerializer(), serializer(serde))) {
            double[] values = {10, 20, 70, 75, 30, -30, -25};
            for (int step = 0; step < values.length; step++) {
                SensorReading reading = SensorReading.newBuilder().setId("synthetic").setValue(values[step])
                    .setTimestamp(Instant.ofEpochMilli(1_700_000_000_000L + step * 1000L)).build();
                producer.send(new ProducerRecord<>(readings, "synthetic", reading)).get();
            }

            List<ConsumerRecord<String, Object>> alerts = consume(alertsTopic, 5, serde);
            assertThat(alerts).extracting(r -> {
                SensorAlert alert = (SensorAlert) r.value();
                return r.key() + " " + alert.getKind() + " " + alert.getValue() + " after " + alert.getPreviousValue();
            }).containsExactly(
                "synthetic ABOVE_HIGH 70.0 after 20.0",
                "synthetic JUMP 70.0 after 20.0",
                "synthetic JUMP 30.0 after 75.0",
                "synthetic BELOW_LOW -30.0 after 30.0",
                "synthetic JUMP -30.0 after 30.0");
            assertThat(((SensorAlert) alerts.get(0).value()).getTimestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_002_000L));
            await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.committed(group) == values.length);
            assertThat(server.bean(RecentAlerts.class).newestFirst()).hasSize(5);
        }
    }

    /**
     * Exactly once: an instance stops after a sensor rose above {@code alerts.high}; the next one to own the partition
     * reads the detector's state back from its changelog, so the sensor staying above raises nothing, and the next
     * jump's {@code previousValue} is the true previous reading, read by the instance before.
     */
    @Test
    void theNextOwnerOfAPartitionGoesOnFromTheSensorsTruePreviousValue() throws Exception {
        Map<String, Object> props = TestKafka.isolated("alerts-handover");
        props.put("functions", "alerts,registry");
        String readings = props.get("topics.readings").toString();
        String alertsTopic = props.get("topics.alerts").toString();
        String group = props.get("alerts.group-id").toString();
        Map<String, Object> serde = Map.of("schema.registry.url", props.get("schema.registry.url"));
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()), new StringSerializer(), serializer(serde))) {
            try (FunctionsInstance first = FunctionsInstance.start(props)) {
                send(producer, readings, 0, 10);
                send(producer, readings, 1, 70);
                await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.committed(group) == 2);
            }
            try (FunctionsInstance next = FunctionsInstance.start(props)) {
                send(producer, readings, 2, 75);
                send(producer, readings, 3, 30);
                await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.committed(group) == 4);
                assertThat(next.bean(RecentAlerts.class).newestFirst()).extracting(a -> a.kind() + " after " + a.previousValue())
                    .as("75 after 70 is no new crossing; 30 after 75 is a jump").containsExactly("JUMP after 75.0");
                assertThat(consume(alertsTopic, 3, serde)).extracting(r -> ((SensorAlert) r.value()).getKind() + " "
                    + ((SensorAlert) r.value()).getValue()).containsExactly("ABOVE_HIGH 70.0", "JUMP 70.0", "JUMP 30.0");
            }
        }
    }

    private static void send(KafkaProducer<String, Object> producer, String topic, int step, double value) throws Exception {
        SensorReading reading = SensorReading.newBuilder().setId("handover").setValue(value)
            .setTimestamp(Instant.ofEpochMilli(1_700_000_000_000L + step * 1000L)).build();
        producer.send(new ProducerRecord<>(topic, "handover", reading)).get();
    }

    /**
     * The first send of an alert fails for real: the test deletes the alerts topic after startup, so the producer
     * finds no metadata for it and times out (max.block.ms) until the test creates the topic again. The reading is
     * held back, the detector does not move on, and the alert still reaches the topic once the broker takes writes.
     */
    @Test
    void anAlertWhoseFirstSendFailsIsStillWrittenOnceTheBrokerTakesWrites() throws Exception {
        Map<String, Object> props = TestKafka.isolated("alerts-retry");
        props.put("functions", "alerts,registry");
        props.put("kafka.producers.sensor-alerter.max.block.ms", "1000");
        props.put("dead-letter.max-backoff", "1s");
        String alertsTopic = props.get("topics.alerts").toString();
        String readings = props.get("topics.readings").toString();
        String group = props.get("alerts.group-id").toString();
        Map<String, Object> serde = Map.of("schema.registry.url", props.get("schema.registry.url"));

        try (FunctionsInstance server = FunctionsInstance.start(props);
             KafkaProducer<String, Object> producer = new KafkaProducer<>(
                 Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()), new StringSerializer(), serializer(serde))) {
            try (AdminClient admin = TestKafka.admin()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> admin.listTopics().names().get().contains(alertsTopic));
                admin.deleteTopics(List.of(alertsTopic)).all().get();
                await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains(alertsTopic));
            }
            double[] values = {10, 70};
            for (int step = 0; step < values.length; step++) {
                SensorReading reading = SensorReading.newBuilder().setId("synthetic").setValue(values[step])
                    .setTimestamp(Instant.ofEpochMilli(1_700_000_000_000L + step * 1000L)).build();
                producer.send(new ProducerRecord<>(readings, "synthetic", reading)).get();
            }
            ListenerState state = server.bean(ListenerStates.class).all().get("alerts");
            await().atMost(Duration.ofSeconds(30)).until(() -> state.snapshot().waited() >= 1);
            assertThat(state.snapshot().waiting()).as("held back while the broker refuses the alert").isNotEmpty();
            assertThat(TestKafka.committed(group)).as("the crossing reading is not committed").isLessThan(2);

            try (AdminClient admin = TestKafka.admin()) {
                admin.createTopics(List.of(new NewTopic(alertsTopic, 4, (short) 1))).all().get();
            }
            List<ConsumerRecord<String, Object>> alerts = consume(alertsTopic, 2, serde);
            assertThat(alerts).extracting(r -> r.key() + " " + ((SensorAlert) r.value()).getKind())
                .containsExactly("synthetic ABOVE_HIGH", "synthetic JUMP");
            await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.committed(group) == values.length);
            assertThat(state.snapshot().waiting()).isEmpty();
            assertThat(state.snapshot().deadLettered()).isEmpty();
        }
    }

    private static KafkaAvroSerializer serializer(Map<String, Object> serde) {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(serde, false);
        return serializer;
    }

    private static List<ConsumerRecord<String, Object>> consume(String topic, int count, Map<String, Object> serde) {
        Map<String, Object> config = new HashMap<>(serde);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "alerts-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put("specific.avro.reader", true);
        config.put("specific.avro.value.type", SensorAlert.class.getName());
        List<ConsumerRecord<String, Object>> records = new ArrayList<>();
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config, false);
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records;
    }

}
