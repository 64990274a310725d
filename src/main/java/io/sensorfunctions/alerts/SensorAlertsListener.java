package io.sensorfunctions.alerts;

import io.micronaut.configuration.kafka.ConsumerAware;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.NonNull;
import io.sensorfunctions.avro.SensorAlert;
import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.listener.RecordGuard;
import io.sensorfunctions.listener.RecordGuards;
import io.sensorfunctions.listener.RecordLogContext;
import io.sensorfunctions.serde.AvroDecoders;
import io.sensorfunctions.serde.AvroValueDecoder;
import io.sensorfunctions.topics.Topics;
import io.sensorfunctions.topics.TopicsConfiguration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;

/**
 * The alerts function: a second, independent consumer group on the readings topic that is also a producer. Each
 * reading's alerts are written and acknowledged before the listener returns, and offsets are committed only after
 * the polled batch is processed, so every alert is produced at least once: a crash between the send and the commit
 * re-reads the reading and may write its alert again (same key, kind and timestamp, so consumers can drop repeats).
 *
 * <p>The detector's state moves on only once a reading's alerts are acknowledged. A send that fails leaves it where
 * it was, and the {@link RecordGuard} holds the partition back and retries the reading: as long as the broker is
 * unavailable, up to {@code dead-letter.max-attempts} for other failures, then to {@code <topic>.DLT}. Records that
 * do not decode go there at once.
 *
 * <p>Not micronaut-kafka's {@code SEND_TO_TRANSACTION}: in 5.9 it commits a whole polled batch's offsets in the first
 * record's transaction, so a crash mid-batch would lose the rest (see docs/failures.md).
 */
@KafkaListener(
    groupId = "${alerts.group-id}",
    clientId = "sensor-alerter",
    batch = true,
    offsetStrategy = OffsetStrategy.SYNC,
    properties = @Property(name = ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, value = "${alerts.auto-offset-reset}"))
@RequiresFunction(EventFunction.ALERTS)
class SensorAlertsListener implements ConsumerAware<byte[], byte[]>, ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(SensorAlertsListener.class);

    private final AlertDetector detector;
    private final SensorAlertClient client;
    private final String alertsTopic;
    private final RecentAlerts recent;
    private final AvroValueDecoder<SensorReading> decoder;
    private final RecordGuard guard;
    private final RecordGuard.Handler handler = this::process;

    SensorAlertsListener(AlertsConfiguration configuration, SensorAlertClient client, RecentAlerts recent,
                         AvroDecoders decoders, RecordGuards guards, TopicsConfiguration topics) {
        this.alertsTopic = topics.alerts();
        this.detector = new AlertDetector(configuration.high(), configuration.low(), configuration.jump());
        this.client = client;
        this.recent = recent;
        this.decoder = decoders.forType(SensorReading.class);
        this.guard = guards.create(EventFunction.ALERTS.id(), configuration.groupId());
    }

    @Override
    public void setKafkaConsumer(@NonNull Consumer<byte[], byte[]> consumer) {
        guard.attach(consumer);
    }

    /** One call per poll: micronaut-kafka binds nothing per record for a {@code ConsumerRecords} parameter. */
    @Topic(Topics.READINGS)
    void receive(ConsumerRecords<byte[], byte[]> records) {
        guard.handle(records, handler);
    }

    private void process(ConsumerRecord<byte[], byte[]> record) {
        SensorReading reading = decoder.decode(record.topic(), record.value());
        for (SensorAlert alert : detector.inspect(reading)) {
            var written = client.send(alertsTopic, alert.getSensorId(), alert);
            recent.add(alert);
            // One line per alert, a rare event: the readings that raise none log nothing.
            try (RecordLogContext context = RecordLogContext.of(record, guard.state().group())) {
                LOG.info("Alert {} for {}: {} (previous {}, limit {}) from {} [{}] offset {}, written to {} [{}] offset {}",
                    alert.getKind(), alert.getSensorId(), alert.getValue(), alert.getPreviousValue(), alert.getLimit(),
                    record.topic(), record.partition(), record.offset(), written.topic(), written.partition(), written.offset());
            }
        }
        detector.accept(reading);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        guard.forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        // Nothing to set up: the detector starts a sensor afresh on its first reading.
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        guard.forget(partitions);
    }
}
