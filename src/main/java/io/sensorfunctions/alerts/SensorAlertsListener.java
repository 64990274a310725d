package io.sensorfunctions.alerts;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.sensorfunctions.Function;
import io.sensorfunctions.RequiresFunction;
import io.sensorfunctions.avro.SensorAlert;
import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts function: a second, independent consumer group on the readings topic that is also a producer. Each
 * reading's alerts are written and acknowledged before the listener returns, and offsets are committed only after
 * the polled batch is processed, so every alert is produced at least once: a crash between the send and the commit
 * re-reads the reading and may write its alert again (same key, kind and timestamp, so consumers can drop repeats).
 * A failing send is retried with backoff rather than skipped.
 *
 * <p>Not micronaut-kafka's {@code SEND_TO_TRANSACTION}: in 5.9 it commits a whole polled batch's offsets in the first
 * record's transaction, so a crash mid-batch would lose the rest (see the README).
 */
@KafkaListener(
    groupId = "${alerts.group-id}",
    clientId = "sensor-alerts",
    offsetStrategy = OffsetStrategy.SYNC,
    errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 10, retryDelay = "200ms"),
    properties = @Property(name = ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, value = "${alerts.auto-offset-reset}"))
@RequiresFunction(Function.ALERTS)
class SensorAlertsListener {

    private static final Logger LOG = LoggerFactory.getLogger(SensorAlertsListener.class);

    private final AlertDetector detector;
    private final SensorAlertClient client;
    private final RecentAlerts recent;

    SensorAlertsListener(AlertsConfiguration configuration, SensorAlertClient client, RecentAlerts recent) {
        this.detector = new AlertDetector(configuration.high(), configuration.low(), configuration.jump());
        this.client = client;
        this.recent = recent;
    }

    @Topic(Topics.READINGS)
    void receive(ConsumerRecord<String, SensorReading> record) {
        for (SensorAlert alert : detector.inspect(record.value())) {
            var written = client.send(alert.getSensorId(), alert);
            recent.add(alert);
            LOG.info("Alert {} for {}: {} (previous {}, limit {}) from {} [{}] offset {}, written to {} [{}] offset {}",
                alert.getKind(), alert.getSensorId(), alert.getValue(), alert.getPreviousValue(), alert.getLimit(),
                record.topic(), record.partition(), record.offset(), written.topic(), written.partition(), written.offset());
        }
    }
}
