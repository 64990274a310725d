package io.sensorfunctions.alerts;

import io.micronaut.context.exceptions.ConfigurationException;
import io.sensorfunctions.avro.SensorAlert;
import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.kafka.Failures;
import io.sensorfunctions.listener.RecordLogContext;
import io.sensorfunctions.listener.TransactionalBatches;
import io.sensorfunctions.serde.AvroValueDecoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTxnTimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts function's work with {@code alerts.processing-guarantee=exactly_once_v2}, run by
 * {@link TransactionalBatches}: a reading's alerts go into the batch's transaction, all of them or none; before the
 * commit, the detector's changes go to its changelog; once it commits they are kept (and shown in {@code GET /alerts}
 * and the log), once it aborts they are undone. A partition that moves here is read back from the changelog before
 * any of its readings is processed; until that succeeds its readings wait, as for any dependency. Plain class, used on
 * the listener's poll thread only.
 */
final class ExactlyOnceAlerts implements TransactionalBatches.Participant {

    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceAlerts.class);

    /** An alert sent in the open transaction, with the reading that raised it, to log and show once it commits. */
    private record Sent(SensorAlert alert, ConsumerRecord<byte[], byte[]> reading) {
    }

    /** A reading of a partition whose detector state is not read back yet: it waits, as for any dependency. */
    static final class StateNotRestoredException extends RetriableException {
        StateNotRestoredException(String message) {
            super(message);
        }
    }

    private final AlertsConfiguration configuration;
    private final AlertDetector detector;
    private final DetectorChangelog changelog;
    private final TransactionalBatches transactions;
    private final AvroValueDecoder<SensorReading> decoder;
    private final RecentAlerts recent;
    private final String alertsTopic;
    private final Serializer<String> keys = new StringSerializer();
    private final Serializer<Object> values;
    private final List<Sent> sent = new ArrayList<>();
    /** Assigned partitions whose state is not read back yet, with why. */
    private final Map<Integer, String> notRestored = new HashMap<>();
    private RuntimeException sendFailed;
    /** The first alert of the open transaction that the producer failed to write; set on its I/O thread. */
    private volatile Exception writeFailed;
    private final Callback onWritten = (metadata, e) -> {
        if (e != null && writeFailed == null) {
            writeFailed = e;
        }
    };

    /**
     * @param producerConfig the settings of {@code kafka.producers.sensor-alerter}, whose {@code value.serializer}
     *                       (our {@code KafkaAvroSerializer}, or Confluent's) writes the alerts
     * @throws ConfigurationException when that serializer's class is not found
     */
    ExactlyOnceAlerts(AlertsConfiguration configuration, DetectorChangelog changelog, TransactionalBatches transactions,
                      AvroValueDecoder<SensorReading> decoder, RecentAlerts recent, String alertsTopic,
                      Map<String, Object> producerConfig) {
        this.configuration = configuration;
        this.detector = new AlertDetector(configuration.high(), configuration.low(), configuration.jump(), true);
        this.changelog = changelog;
        this.transactions = transactions;
        this.decoder = decoder;
        this.recent = recent;
        this.alertsTopic = alertsTopic;
        this.values = valueSerializer(producerConfig);
    }

    /**
     * Registers the {@code transactional.id} with the broker now, so that a refusal stops the start, naming the fix.
     * A broker that does not answer yet is tried again by the first batch.
     *
     * @throws ConfigurationException when the broker refuses this instance's transactions: a missing TransactionalId
     *                                ACL, a {@code transaction.timeout.ms} above its {@code transaction.max.timeout.ms},
     *                                or no transactions at all (before Kafka 2.5)
     */
    void initialize() {
        try {
            transactions.initialize();
        } catch (KafkaException e) {
            Throwable refusal = Failures.cause(e, c -> c instanceof AuthorizationException
                || c instanceof InvalidTxnTimeoutException || c instanceof UnsupportedVersionException);
            String otherwise = " Or set alerts.processing-guarantee=at_least_once.";
            if (refusal instanceof InvalidTxnTimeoutException) {
                throw new ConfigurationException("The broker refuses the alerts function's transactions: " + refusal.getMessage()
                    + ". Lower kafka.producers.sensor-alerter." + ProducerConfig.TRANSACTION_TIMEOUT_CONFIG
                    + " (KAFKA_PRODUCERS_SENSOR_ALERTER_TRANSACTION_TIMEOUT_MS) below the broker's transaction.max.timeout.ms."
                    + otherwise, e);
            }
            if (refusal instanceof UnsupportedVersionException) {
                throw new ConfigurationException("The broker does not support the alerts function's transactions ("
                    + Failures.describe(refusal) + "); exactly_once_v2 needs Kafka 2.5 or later (KIP-447)." + otherwise, e);
            }
            if (refusal instanceof AuthorizationException) {
                throw new ConfigurationException("The broker refuses the alerts function's transactions ("
                    + Failures.describe(refusal) + "). Grant Write and Describe on the transactional ids with prefix "
                    + configuration.transactionalIdPrefix() + "- (docs/security.md)." + otherwise, e);
            }
            LOG.warn("alerts: cannot start transactions yet, the first batch tries again: {}", Failures.rootMessage(e));
        }
    }

    /** Processes one poll in one transaction, after reading back the state of its partitions that still need it. */
    void handle(ConsumerRecords<byte[], byte[]> records) {
        if (!notRestored.isEmpty()) {
            restore(records.partitions().stream().map(TopicPartition::partition).filter(notRestored::containsKey).toList());
        }
        transactions.handle(records, this::process, this);
    }

    private void process(ConsumerRecord<byte[], byte[]> record) {
        int partition = record.partition();
        if (!detector.holds(partition)) {
            throw new StateNotRestoredException("the detector state of partition " + partition + " is not read back from "
                + changelog.topic() + " yet: " + notRestored.getOrDefault(partition, "not tried"));
        }
        Exception failed = writeFailed;
        if (failed != null) {
            // The transaction cannot commit; each further send would only wait for max.block.ms to fail the same way.
            throw new KafkaException("an earlier alert of this batch was not written", failed);
        }
        SensorReading reading = decoder.decode(record.topic(), record.value());
        List<SensorAlert> alerts = detector.inspect(partition, reading);
        if (!alerts.isEmpty()) {
            // Serialized before any is sent: a serializer that fails (the registry away) leaves none of them in the
            // transaction, and the reading is tried again whole.
            List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(alerts.size());
            for (SensorAlert alert : alerts) {
                out.add(new ProducerRecord<>(alertsTopic, keys.serialize(alertsTopic, alert.getSensorId()),
                    values.serialize(alertsTopic, alert)));
            }
            Producer<byte[], byte[]> producer = transactions.producer();
            try {
                for (ProducerRecord<byte[], byte[]> alert : out) {
                    producer.send(alert, onWritten);
                }
            } catch (RuntimeException e) {
                // Some of the reading's alerts may be in the transaction: it must not commit.
                sendFailed = e;
                throw e;
            }
            for (SensorAlert alert : alerts) {
                sent.add(new Sent(alert, record));
            }
        }
        detector.accept(partition, reading);
    }

    @Override
    public void beforeCommit(Producer<byte[], byte[]> producer) {
        if (sendFailed != null) {
            RuntimeException failed = sendFailed;
            sendFailed = null;
            throw failed instanceof KafkaException k ? k : new KafkaException(failed);
        }
        if (writeFailed != null) {
            throw new KafkaException("an alert of this batch was not written", writeFailed);
        }
        detector.changes().forEach((partition, sensors) ->
            sensors.forEach((sensor, value) -> producer.send(changelog.record(partition, sensor, value))));
    }

    @Override
    public void committed() {
        detector.commit();
        for (Sent alert : sent) {
            recent.add(alert.alert());
            ConsumerRecord<byte[], byte[]> record = alert.reading();
            // One line per alert, a rare event: the readings that raise none log nothing.
            try (RecordLogContext context = RecordLogContext.of(record, configuration.groupId())) {
                LOG.info("Alert {} for {}: {} (previous {}, limit {}) from {} [{}] offset {}, committed to {}",
                    alert.alert().getKind(), alert.alert().getSensorId(), alert.alert().getValue(),
                    alert.alert().getPreviousValue(), alert.alert().getLimit(), record.topic(), record.partition(),
                    record.offset(), alertsTopic);
            }
        }
        sent.clear();
    }

    @Override
    public void aborted() {
        detector.rollback();
        sent.clear();
        sendFailed = null;
        writeFailed = null;
    }

    /** The partitions moved here: their state is read back now, or before their first reading is processed. */
    void assigned(Collection<TopicPartition> partitions) {
        List<Integer> numbers = partitions.stream().map(TopicPartition::partition).toList();
        numbers.forEach(partition -> notRestored.put(partition, "not tried"));
        restore(numbers);
    }

    /** The partitions left this instance (revoked or lost): their state goes with them. */
    void forget(Collection<TopicPartition> partitions) {
        transactions.forget(partitions);
        for (TopicPartition partition : partitions) {
            detector.forget(partition.partition());
            notRestored.remove(partition.partition());
        }
    }

    /** Reads the partitions' detector state back; on failure their readings wait, and the next batch tries again. */
    private void restore(List<Integer> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        try {
            changelog.restore(partitions, configuration.restoreTimeout()).forEach((partition, sensors) -> {
                detector.restore(partition, sensors);
                notRestored.remove(partition);
            });
            LOG.info("alerts: detector state of partitions {} read back from {} in {} ms", partitions, changelog.topic(),
                (System.nanoTime() - started) / 1_000_000);
        } catch (KafkaException e) {
            String reason = Failures.rootMessage(e);
            partitions.forEach(partition -> notRestored.put(partition, reason));
            LOG.warn("alerts: cannot read the detector state of partitions {} back from {}; their readings wait: {}",
                partitions, changelog.topic(), reason);
        }
    }

    @SuppressWarnings("unchecked")
    private static Serializer<Object> valueSerializer(Map<String, Object> config) {
        Object type = config.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        Serializer<Object> serializer;
        try {
            serializer = type instanceof Class<?> c ? (Serializer<Object>) Utils.newInstance(c)
                : Utils.newInstance(String.valueOf(type), Serializer.class);
        } catch (ClassNotFoundException e) {
            throw new ConfigurationException("kafka.producers.sensor-alerter.value.serializer: no class " + type, e);
        }
        serializer.configure(config, false);
        return serializer;
    }
}
