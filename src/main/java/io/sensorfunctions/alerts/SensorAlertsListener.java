package io.sensorfunctions.alerts;

import io.micronaut.configuration.kafka.ConsumerAware;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.config.KafkaProducerConfiguration;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.NonNull;
import io.sensorfunctions.avro.SensorAlert;
import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.kafka.Failures;
import io.sensorfunctions.listener.RecordGuard;
import io.sensorfunctions.listener.RecordGuards;
import io.sensorfunctions.listener.RecordLogContext;
import io.sensorfunctions.listener.TransactionalBatches;
import io.sensorfunctions.serde.AvroDecoders;
import io.sensorfunctions.serde.AvroValueDecoder;
import io.sensorfunctions.topics.Topics;
import io.sensorfunctions.topics.TopicsConfiguration;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The alerts function: a second, independent consumer group on the readings topic that is also a producer, reading
 * {@code read_committed}. How it writes depends on {@code alerts.processing-guarantee}:
 * <ul>
 *   <li>{@code exactly_once_v2} (default): each polled batch runs in one Kafka transaction
 *       ({@link TransactionalBatches}, {@link ExactlyOnceAlerts}): its alerts, its dead letters, the detector's
 *       changes to its changelog ({@link DetectorChangelog}) and the batch's offsets, with the consumer's group
 *       metadata (KIP-447). {@code sensor-alerts} read {@code read_committed} then holds each alert of the rule once,
 *       through crashes and rebalances (docs/failures.md).</li>
 *   <li>{@code at_least_once}: each reading's alerts are written and acknowledged before the next, and the offsets are
 *       committed after the batch, so a crash between the two writes an alert again (same key, kind and timestamp);
 *       the detector's state lives in this instance only.</li>
 * </ul>
 * Either way the {@link RecordGuard} runs each record: while the broker or registry is away it holds the partition
 * back, other failures are retried up to {@code dead-letter.max-attempts}, then dead-lettered to {@code <topic>.DLT},
 * and records that do not decode go there at once.
 */
@KafkaListener(
    groupId = "${alerts.group-id}",
    clientId = "sensor-alerter",
    batch = true,
    // Offsets are committed here: in the batch's transaction, or with commitSync after it (at_least_once).
    offsetStrategy = OffsetStrategy.DISABLED,
    // KIP-447: a partition's new owner must not read past an earlier owner's transaction that is still open.
    isolation = IsolationLevel.READ_COMMITTED,
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
    private final TransactionalBatches transactions;
    private final ExactlyOnceAlerts exactlyOnce;
    private Consumer<byte[], byte[]> consumer;

    /**
     * @throws io.micronaut.context.exceptions.ConfigurationException with {@code exactly_once_v2}, when the broker
     *         refuses this instance's transactions (see {@link ExactlyOnceAlerts#initialize()})
     */
    SensorAlertsListener(AlertsConfiguration configuration, SensorAlertClient client, RecentAlerts recent,
                         AvroDecoders decoders, RecordGuards guards, TopicsConfiguration topics, DetectorChangelog changelog,
                         @Named(SensorAlertClient.ID) KafkaProducerConfiguration<?, ?> producer) {
        this.alertsTopic = topics.alerts();
        this.client = client;
        this.recent = recent;
        this.decoder = decoders.forType(SensorReading.class);
        if (configuration.exactlyOnce()) {
            Map<String, Object> config = new HashMap<>();
            producer.getConfig().forEach((key, value) -> config.put(key.toString(), value));
            this.transactions = guards.createTransactional(EventFunction.ALERTS.id(), configuration.groupId(), config,
                configuration.transactionalIdPrefix() + "-" + UUID.randomUUID());
            this.exactlyOnce = new ExactlyOnceAlerts(configuration, changelog, transactions, decoder, recent, alertsTopic, config);
            this.guard = null;
            this.detector = null;
            exactlyOnce.initialize();
        } else {
            this.transactions = null;
            this.exactlyOnce = null;
            this.guard = guards.create(EventFunction.ALERTS.id(), configuration.groupId());
            this.detector = new AlertDetector(configuration.high(), configuration.low(), configuration.jump(), false);
        }
    }

    @Override
    public void setKafkaConsumer(@NonNull Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
        if (transactions != null) {
            transactions.attach(consumer);
        } else {
            guard.attach(consumer);
        }
    }

    /** One call per poll: micronaut-kafka binds nothing per record for a {@code ConsumerRecords} parameter. */
    @Topic(Topics.READINGS)
    void receive(ConsumerRecords<byte[], byte[]> records) {
        if (exactlyOnce != null) {
            exactlyOnce.handle(records);
            return;
        }
        guard.handle(records, handler);
        try {
            consumer.commitSync();
        } catch (KafkaException e) {
            // At least once: the batch is read again by whoever owns its partitions next.
            LOG.warn("alerts: could not commit the batch's offsets, its readings will be processed again: {}", Failures.rootMessage(e));
        }
    }

    /** at_least_once: each alert acknowledged before the reading counts as done. */
    private void process(ConsumerRecord<byte[], byte[]> record) {
        SensorReading reading = decoder.decode(record.topic(), record.value());
        for (SensorAlert alert : detector.inspect(record.partition(), reading)) {
            var written = client.send(alertsTopic, alert.getSensorId(), alert);
            recent.add(alert);
            // One line per alert, a rare event: the readings that raise none log nothing.
            try (RecordLogContext context = RecordLogContext.of(record, guard.state().group())) {
                LOG.info("Alert {} for {}: {} (previous {}, limit {}) from {} [{}] offset {}, written to {} [{}] offset {}",
                    alert.getKind(), alert.getSensorId(), alert.getValue(), alert.getPreviousValue(), alert.getLimit(),
                    record.topic(), record.partition(), record.offset(), written.topic(), written.partition(), written.offset());
            }
        }
        detector.accept(record.partition(), reading);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (exactlyOnce != null) {
            exactlyOnce.assigned(partitions);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
        if (exactlyOnce != null) {
            exactlyOnce.forget(partitions);
        } else {
            // at_least_once keeps the detector's state, as it always has: a partition that comes back goes on from it.
            guard.forget(partitions);
        }
    }

    @PreDestroy
    void close() {
        if (transactions != null) {
            transactions.close();
        }
    }
}
