package io.sensorfunctions.sensor;

import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import io.sensorfunctions.topics.Topics;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The emitter alone: its scheduled steps arrive as Avro readings keyed by sensor id, each sensor on one partition. */
@IntegrationTest
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SensorEmitterTest implements TestPropertyProvider {

    private static final String SPEC = "SensorEmitterTest";

    @Inject
    Collector collector;

    @Override
    public Map<String, String> getProperties() {
        Map<String, Object> props = TestKafka.isolated("emitter");
        props.put("functions", "emitter,registry");
        props.put("sensors.interval", "100ms");
        props.put("sensors.initial-delay", "0s");
        props.put("spec.name", SPEC);
        return TestKafka.strings(props);
    }

    @Test
    void emittedReadingsArriveKeyedBySensorOnTheirCrc32Partition() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(collector.records.stream().map(ConsumerRecord::key).distinct().count()).isEqualTo(8));
        await().atMost(Duration.ofSeconds(30)).until(() -> collector.records.size() >= 24);

        List<ConsumerRecord<String, SensorReading>> records = List.copyOf(collector.records);
        records.forEach(r -> assertThat(r.value().getId()).isEqualTo(r.key()));
        Map<String, List<Integer>> partitionsByKey = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
            Collectors.mapping(ConsumerRecord::partition, Collectors.toList())));
        partitionsByKey.forEach((key, partitions) -> assertThat(partitions).as(key).containsOnly(
            KeyHashPartitioner.crc32Partition(key.getBytes(StandardCharsets.UTF_8), 4)));
    }

    /** Test-only consumer in its own group, collecting what the emitter produced, through our Avro deserializer. */
    @Requires(property = "spec.name", value = SPEC)
    @KafkaListener(groupId = "emitter-test-collector", offsetReset = OffsetReset.EARLIEST, properties = {
        @Property(name = ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, value = "org.apache.kafka.common.serialization.StringDeserializer"),
        @Property(name = ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, value = "io.sensorfunctions.serde.KafkaAvroDeserializer"),
        @Property(name = "specific.avro.reader", value = "true")})
    static class Collector {
        final ConcurrentLinkedQueue<ConsumerRecord<String, SensorReading>> records = new ConcurrentLinkedQueue<>();

        @Topic(Topics.READINGS)
        void collect(ConsumerRecord<String, SensorReading> record) {
            records.add(record);
        }
    }
}
