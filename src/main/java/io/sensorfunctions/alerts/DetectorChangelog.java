package io.sensorfunctions.alerts;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.topics.TopicsConfiguration;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.DoubleDeserializer;
import org.apache.kafka.common.serialization.DoubleSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The alerts detector's state as a compacted changelog topic ({@code topics.alerts-changelog}), Kafka Streams'
 * design for a state store: partition {@code p} of the changelog holds, keyed by sensor id, the last value of each
 * sensor of partition {@code p} of the readings topic (8 bytes, Kafka's {@code DoubleSerializer}). It is written in
 * the same transaction as the alerts and the offsets of the batch, so what it holds, read {@code read_committed}, is
 * the state at the group's committed offset. A partition that moves to this instance is read back from it before
 * any of its readings is processed.
 */
@Singleton
@RequiresFunction(EventFunction.ALERTS)
class DetectorChangelog {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final AdminClient admin;
    private final Properties kafka;
    private final DoubleSerializer values = new DoubleSerializer();
    private final DoubleDeserializer readValues = new DoubleDeserializer();
    private KafkaConsumer<byte[], byte[]> consumer;

    DetectorChangelog(TopicsConfiguration topics, AdminClient admin, KafkaDefaultConfiguration kafka) {
        this.topic = topics.alertsChangelog();
        this.admin = admin;
        this.kafka = kafka.getConfig();
    }

    /** @return the changelog topic's name */
    String topic() {
        return topic;
    }

    /** @return the record that makes {@code value} the last value of {@code sensor} of readings partition {@code partition} */
    ProducerRecord<byte[], byte[]> record(int partition, String sensor, double value) {
        return new ProducerRecord<>(topic, partition, sensor.getBytes(StandardCharsets.UTF_8), values.serialize(topic, value));
    }

    /**
     * Reads back the state of readings partitions {@code partitions}: first waits until no transaction is open on
     * their changelog partitions (the last stable offset is the log end: a transaction of an earlier owner that crashed
     * is aborted by the broker after its {@code transaction.timeout.ms}), then reads them {@code read_committed} from
     * the beginning to that end. Runs on the listener's poll thread.
     *
     * @param partitions readings partitions, the same numbers in the changelog
     * @param timeout    how long to wait for open transactions and for the reading, in all
     * @return each partition's sensors with their last value; a partition without any is there, empty
     * @throws KafkaException when the changelog cannot be read within {@code timeout}: a {@link TimeoutException}
     *                        naming the partitions, or the broker's refusal (no such partition, a missing ACL)
     */
    Map<Integer, Map<String, Double>> restore(Collection<Integer> partitions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> changelog = partitions.stream().map(p -> new TopicPartition(topic, p)).toList();
        Map<TopicPartition, Long> end = stableEnd(changelog, deadline);
        Map<Integer, Map<String, Double>> state = new HashMap<>();
        partitions.forEach(p -> state.put(p, new HashMap<>()));
        KafkaConsumer<byte[], byte[]> reader = consumer();
        reader.assign(changelog);
        try {
            reader.seekToBeginning(changelog);
            while (!changelog.stream().allMatch(p -> reader.position(p) >= end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("Could not read " + changelog + " to offsets " + end + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
                    state.get(record.partition()).put(new String(record.key(), StandardCharsets.UTF_8),
                        readValues.deserialize(topic, record.value()));
                }
            }
        } finally {
            reader.assign(List.of());
        }
        return state;
    }

    /** Waits until the read_committed end (last stable offset) of each partition is its log end, and returns it. */
    private Map<TopicPartition, Long> stableEnd(List<TopicPartition> partitions, long deadline) {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
        while (true) {
            Map<TopicPartition, Long> stable = endOffsets(latest, IsolationLevel.READ_COMMITTED, deadline);
            Map<TopicPartition, Long> logEnd = endOffsets(latest, IsolationLevel.READ_UNCOMMITTED, deadline);
            if (stable.equals(logEnd)) {
                return stable;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("A transaction is still open on " + partitions + " (last stable offsets " + stable
                    + ", log end " + logEnd + "): an earlier owner's, which the broker aborts after its transaction.timeout.ms");
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private Map<TopicPartition, Long> endOffsets(Map<TopicPartition, OffsetSpec> latest, IsolationLevel isolation, long deadline) {
        try {
            long left = Math.max(1, deadline - System.nanoTime());
            return admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get(left, TimeUnit.NANOSECONDS)
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException("No end offsets of " + latest.keySet() + " within the restore timeout", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted reading the end offsets of " + latest.keySet(), e);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            Properties props = new Properties();
            props.putAll(kafka);
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sensor-alerter-restore");
            props.remove(ConsumerConfig.GROUP_ID_CONFIG);
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return consumer;
    }

    @PreDestroy
    void close() {
        if (consumer != null) {
            consumer.close(Duration.ZERO);
        }
    }
}
