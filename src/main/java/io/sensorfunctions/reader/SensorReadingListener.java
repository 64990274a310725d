package io.sensorfunctions.reader;

import io.micronaut.configuration.kafka.ConsumerAware;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.DefaultKafkaListenerExceptionHandler;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.NonNull;
import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.listener.RecordGuard;
import io.sensorfunctions.listener.RecordGuards;
import io.sensorfunctions.listener.RecordLogContext;
import io.sensorfunctions.serde.AvroDecoders;
import io.sensorfunctions.serde.AvroValueDecoder;
import io.sensorfunctions.topics.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The reader function: consumes every reading of its group's partitions and commits synchronously once a polled
 * batch is processed ({@link OffsetStrategy#SYNC}), never before. It is a batch listener over the poll's
 * {@link ConsumerRecords} as they come, one call per poll: micronaut-kafka binds nothing per record then. Group id and {@code auto.offset.reset} come from
 * {@link ReaderConfiguration}; the assignor, {@code group.protocol} and timeouts from {@code kafka.consumers.default}.
 *
 * <p>Records arrive as raw bytes and are decoded here, under a {@link RecordGuard}: a record that cannot be decoded
 * goes to {@code <topic>.DLT}, one that waits for the schema registry holds its partition back until the registry
 * answers, and nothing is committed past a record that was neither processed nor dead-lettered.
 *
 * <p>As its own {@link ConsumerRebalanceListener} it records every assignment change in {@link Assignments}, and on
 * a revoke commits what it processed of the revoked partitions first, so the next owner resumes exactly there. On a
 * graceful shutdown Kafka's consumer revokes everything and leaves the group, so the group rebalances at once rather
 * than after {@code session.timeout.ms}. All callbacks run on the consumer's poll thread.
 */
@KafkaListener(
    groupId = "${reader.group-id}",
    clientId = "${reader.client-id}",
    batch = true,
    offsetStrategy = OffsetStrategy.SYNC,
    properties = @Property(name = ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, value = "${reader.auto-offset-reset}"))
@RequiresFunction(EventFunction.READER)
class SensorReadingListener implements KafkaListenerExceptionHandler, ConsumerRebalanceListener,
    ConsumerAware<byte[], byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(SensorReadingListener.class);

    private final SensorReadings readings;
    private final Assignments assignments;
    private final ReaderSeeks seeks;
    private final ReaderConfiguration configuration;
    private final DefaultKafkaListenerExceptionHandler fallback;
    private final AvroValueDecoder<SensorReading> decoder;
    private final RecordGuard guard;
    private final ReadingAudit audit;
    private final RecordGuard.Handler handler = this::process;
    /** Every record decodes into this one (poll thread only): {@link SensorReadings} and the audit copy its fields. */
    private final SensorReading reused = new SensorReading();
    private Consumer<byte[], byte[]> consumer;
    /** A batch commit met a rebalance; the partitions kept through it are committed once the rebalance completes. */
    private boolean commitDeferred;

    SensorReadingListener(SensorReadings readings, Assignments assignments, ReaderSeeks seeks, ReaderConfiguration configuration,
                          DefaultKafkaListenerExceptionHandler fallback, AvroDecoders decoders, RecordGuards guards,
                          ReadingAudit audit) {
        this.readings = readings;
        this.assignments = assignments;
        this.seeks = seeks;
        this.configuration = configuration;
        this.fallback = fallback;
        this.decoder = decoders.forType(SensorReading.class);
        this.guard = guards.create(EventFunction.READER.id(), configuration.groupId());
        this.audit = audit;
    }

    @Override
    public void setKafkaConsumer(@NonNull Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
        guard.attach(consumer);
    }

    @Topic(Topics.READINGS)
    void receive(ConsumerRecords<byte[], byte[]> records) {
        if (guard.handle(records, handler) > 0) {
            seeks.applyPending(consumer);
        }
    }

    private void process(ConsumerRecord<byte[], byte[]> record) {
        SensorReading reading = decoder.decode(record.topic(), record.value(), reused);
        readings.record(reading);
        audit.record(reading, record.partition(), record.offset());
        // The per-record line is DEBUG, off the hot path; ActivitySummaryJob logs the reader's rate and lag at INFO.
        if (LOG.isDebugEnabled()) {
            try (RecordLogContext context = RecordLogContext.of(record, configuration.groupId())) {
                LOG.debug("Consumed {} = {} at {} from {} [{}] offset {}", reading.getId(), reading.getValue(),
                    reading.getTimestamp(), record.topic(), record.partition(), record.offset());
            }
        }
    }

    /**
     * Called inside {@code poll()} once a rebalance completes, also with no new partition under the cooperative
     * assignor. When the last batch's commit met that rebalance, the partitions kept through it are committed here,
     * at their positions (what was processed): otherwise their offsets would wait for a next batch that may never
     * come, and the group would show lag for records already processed.
     */
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (commitDeferred && consumer != null) {
            commitDeferred = false;
            Map<TopicPartition, OffsetAndMetadata> kept = new HashMap<>();
            try {
                for (TopicPartition partition : consumer.assignment()) {
                    if (!partitions.contains(partition)) {
                        kept.put(partition, new OffsetAndMetadata(consumer.position(partition)));
                    }
                }
                consumer.commitSync(kept);
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                // The next batch commits them; nothing was processed past them.
                LOG.warn("Could not commit {} after a rebalance: {}", kept.keySet(), e.getMessage());
            }
        }
        assignments.assigned(partitions);
        if (!partitions.isEmpty()) {
            LOG.info("Group {} assigned {} to this reader; it now owns {}", configuration.groupId(), partitions, assignments.current());
        }
    }

    /**
     * Revokes happen inside {@code poll()}, after micronaut-kafka processed every record the previous poll returned,
     * so the consumer's position of each revoked partition is exactly what was processed (or where a seek, or the
     * guard holding a record back, moved it).
     */
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
        if (consumer != null && !partitions.isEmpty()) {
            try {
                partitions.forEach(partition -> toCommit.put(partition, new OffsetAndMetadata(consumer.position(partition))));
                consumer.commitSync(toCommit);
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                // e.g. no position to commit under auto.offset.reset=none: the next owner starts from the last commit.
                LOG.warn("Could not commit {} before handing the partitions over: {}", partitions, e.getMessage());
            }
        }
        guard.forget(partitions);
        assignments.revoked(partitions);
        if (!partitions.isEmpty()) {
            LOG.info("Group {} revoked {} from this reader after committing {}", configuration.groupId(), partitions, toCommit);
        }
    }

    /** Lost (e.g. after a session timeout): another member may already own them, so nothing is committed. */
    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        guard.forget(partitions);
        assignments.lost(partitions);
        LOG.warn("Group {} lost {} from this reader without a clean handover", configuration.groupId(), partitions);
    }

    /**
     * With {@code auto.offset.reset=none} and no committed offset, every poll throws. Rather than spin on that, the
     * consumer is woken up, which makes micronaut-kafka close it; the reason stays visible in the log and in
     * {@code /health}. A batch commit refused during a rebalance is expected under the cooperative assignor and is
     * not an error. Everything else goes to micronaut-kafka's default handling.
     */
    @Override
    public void handle(KafkaListenerException exception) {
        if (exception.getCause() instanceof NoOffsetForPartitionException noOffset) {
            String reason = "consumer group '" + configuration.groupId() + "' has no committed offset for "
                + noOffset.partitions() + " and auto.offset.reset=none, so the reader stopped. Set "
                + "READER_AUTO_OFFSET_RESET=earliest or latest, or commit offsets first (kafka-consumer-groups "
                + "--reset-offsets --group " + configuration.groupId() + ").";
            if (guard.state().stop(reason)) {
                LOG.error("Reader stopped: {}", reason);
            }
            exception.getKafkaConsumer().wakeup();
            return;
        }
        if (exception.getCause() instanceof RebalanceInProgressException) {
            // micronaut-kafka's per-batch commit met a cooperative rebalance. Nothing is lost: revoked partitions were
            // committed in onPartitionsRevoked, and the kept ones are committed when the rebalance completes.
            commitDeferred = true;
            LOG.debug("Batch commit deferred by a rebalance in group {}", configuration.groupId());
            return;
        }
        fallback.handle(exception);
    }
}
