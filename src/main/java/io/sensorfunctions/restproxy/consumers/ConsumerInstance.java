package io.sensorfunctions.restproxy.consumers;

import io.micronaut.http.HttpStatus;
import io.sensorfunctions.kafka.Failures;
import io.sensorfunctions.restproxy.KafkaMediaTypes.EmbeddedFormat;
import io.sensorfunctions.restproxy.RestProxyException;
import io.sensorfunctions.restproxy.consumers.ConsumedRecords.ConsumedRecord;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One consumer instance of Confluent REST Proxy v2: a {@link Consumer} of its own, in a group, reading records in
 * one embedded format. Every call holds the instance's lock, so the consumer is never touched by two threads at once
 * (KafkaConsumer is not thread-safe); {@link #close()} wakes a waiting poll first, so a delete does not wait for it.
 *
 * <p>The consumer's position is always just past the last record answered: records a poll fetched beyond
 * {@code max_bytes}, or past a record that does not read in the format, are sought back to. So an empty
 * {@code POST offsets}, and Kafka's auto commit, commit exactly what clients were given.
 */
final class ConsumerInstance {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final String group;
    private final String name;
    private final EmbeddedFormat format;
    private final Duration requestTimeout;
    private final Consumer<byte[], byte[]> consumer;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long lastUsed = System.nanoTime();
    private volatile boolean closed;

    ConsumerInstance(String group, String name, EmbeddedFormat format, Duration requestTimeout, Consumer<byte[], byte[]> consumer) {
        this.group = group;
        this.name = name;
        this.format = format;
        this.requestTimeout = requestTimeout;
        this.consumer = consumer;
    }

    String name() {
        return name;
    }

    /** @return the embedded format records are answered in */
    EmbeddedFormat format() {
        return format;
    }

    /** @return how long {@code GET records} waits when the request names no {@code timeout} */
    Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Runs {@code operation} on the consumer, alone.
     *
     * @throws RestProxyException 40403 once the instance is closed; 40903 for a call Kafka's state refuses (subscribe
     *                            while assigned, seek on a partition not assigned, a commit a rebalance fenced, no offset
     *                            with {@code auto.offset.reset=none}); 403 when the cluster's ACLs refuse; 500 with
     *                            50003 (retriable) or 50002 for any other Kafka failure
     */
    <T> T call(Function<Consumer<byte[], byte[]>, T> operation) {
        lock.lock();
        try {
            if (closed) {
                throw notFound(group, name);
            }
            return operation.apply(consumer);
        } catch (WakeupException e) {
            throw notFound(group, name);
        } catch (IllegalStateException | CommitFailedException | InvalidOffsetException e) {
            throw RestProxyException.illegalState(Failures.rootMessage(e));
        } catch (AuthorizationException e) {
            throw new RestProxyException(HttpStatus.FORBIDDEN, 40301, "Kafka refuses: " + Failures.rootMessage(e));
        } catch (KafkaException e) {
            throw new RestProxyException(HttpStatus.INTERNAL_SERVER_ERROR, e instanceof RetriableException ? 50003
                : RestProxyException.KAFKA_ERROR, "Kafka failed the request: " + Failures.rootMessage(e));
        } finally {
            lastUsed = System.nanoTime();
            lock.unlock();
        }
    }

    /**
     * Polls until records come or {@code timeout} passes, and answers those that fit {@code maxBytes} of keys and
     * values (the first record always, so that a large record cannot stall the instance).
     *
     * @return the records, in partition then offset order; empty when none came in time
     * @throws RestProxyException 422 when the first record to answer does not read in the format; records after a
     *                            bad one are not answered, and the instance stays before the bad record
     */
    List<ConsumedRecord> poll(Duration timeout, long maxBytes, ConsumedRecords converter) {
        return call(consumer -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            ConsumerRecords<byte[], byte[]> polled = consumer.poll(timeout);
            while (polled.isEmpty() && System.nanoTime() < deadline) {
                polled = consumer.poll(Duration.ofNanos(deadline - System.nanoTime()));
            }
            List<ConsumedRecord> answer = new ArrayList<>(polled.count());
            Map<TopicPartition, Long> rewind = new HashMap<>();
            RestProxyException unreadable = null;
            boolean full = false;
            long bytes = 0;
            for (TopicPartition tp : polled.partitions()) {
                for (ConsumerRecord<byte[], byte[]> record : polled.records(tp)) {
                    long size = length(record.key()) + length(record.value());
                    full = full || unreadable != null || (!answer.isEmpty() && bytes + size > maxBytes);
                    if (full) {
                        rewind.put(tp, record.offset());
                        break;
                    }
                    try {
                        answer.add(converter.convert(record, format));
                        bytes += size;
                    } catch (RestProxyException e) {
                        unreadable = e;
                        rewind.put(tp, record.offset());
                        break;
                    }
                }
            }
            rewind.forEach(consumer::seek);
            if (answer.isEmpty() && unreadable != null) {
                throw unreadable;
            }
            return answer;
        });
    }

    /**
     * Commits offsets: those given, each as the last record processed (Confluent's v2 commits {@code offset + 1}), or,
     * when none are given, the position after the last record answered in every assigned partition.
     *
     * @throws RestProxyException 40401/40402 when a given partition does not exist, before anything is committed
     */
    void commit(Map<TopicPartition, Long> offsets) {
        call(consumer -> {
            if (offsets.isEmpty()) {
                consumer.commitSync();
            } else {
                checkExist(consumer, offsets.keySet());
                Map<TopicPartition, OffsetAndMetadata> commits = new LinkedHashMap<>();
                offsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset + 1)));
                consumer.commitSync(commits);
            }
            return null;
        });
    }

    /** @return the group's committed offsets of those partitions that have one: the next offset to read */
    Map<TopicPartition, OffsetAndMetadata> committed(List<TopicPartition> partitions) {
        return call(consumer -> {
            Map<TopicPartition, OffsetAndMetadata> committed = new LinkedHashMap<>();
            consumer.committed(Set.copyOf(partitions)).forEach((tp, offset) -> {
                if (offset != null) {
                    committed.put(tp, offset);
                }
            });
            return committed;
        });
    }

    /** @throws RestProxyException 40401/40402 when a partition does not exist */
    void assign(List<TopicPartition> partitions) {
        call(consumer -> {
            checkExist(consumer, partitions);
            consumer.assign(partitions);
            return null;
        });
    }

    /** @throws RestProxyException 40903 when a partition is not assigned to the instance */
    void seek(Map<TopicPartition, Long> offsets) {
        call(consumer -> {
            checkAssigned(consumer, offsets.keySet());
            offsets.forEach(consumer::seek);
            return null;
        });
    }

    /** @throws RestProxyException 40903 when a partition is not assigned to the instance */
    void seekToBeginning(List<TopicPartition> partitions) {
        call(consumer -> {
            checkAssigned(consumer, partitions);
            consumer.seekToBeginning(partitions);
            return null;
        });
    }

    /** @throws RestProxyException 40903 when a partition is not assigned to the instance */
    void seekToEnd(List<TopicPartition> partitions) {
        call(consumer -> {
            checkAssigned(consumer, partitions);
            consumer.seekToEnd(partitions);
            return null;
        });
    }

    /** @return whether it was closed now: it was unused for {@code timeout} and no call holds it */
    boolean closeIfIdle(Duration timeout) {
        if (System.nanoTime() - lastUsed < timeout.toNanos() || !lock.tryLock()) {
            return false;
        }
        try {
            if (closed || System.nanoTime() - lastUsed < timeout.toNanos()) {
                return false;
            }
            closeConsumer();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the consumer, which leaves its group; a poll in progress is woken and answers 40403. */
    void close() {
        closed = true;
        consumer.wakeup();
        lock.lock();
        try {
            closeConsumer();
        } finally {
            lock.unlock();
        }
    }

    private void closeConsumer() {
        closed = true;
        try {
            consumer.close(CLOSE_TIMEOUT);
        } catch (KafkaException e) {
            // Closed all the same: a leave-group the broker did not answer ends at session.timeout.ms.
        }
    }

    static RestProxyException notFound(String group, String name) {
        return new RestProxyException(HttpStatus.NOT_FOUND, RestProxyException.CONSUMER_NOT_FOUND, "Consumer instance " + name
            + " of group " + group + " not found");
    }

    private static void checkExist(Consumer<byte[], byte[]> consumer, Collection<TopicPartition> partitions) {
        Map<String, List<PartitionInfo>> topics = new HashMap<>();
        for (TopicPartition tp : partitions) {
            List<PartitionInfo> known = topics.computeIfAbsent(tp.topic(), consumer::partitionsFor);
            if (known == null || known.isEmpty()) {
                throw RestProxyException.topicNotFound(tp.topic());
            }
            if (known.stream().noneMatch(info -> info.partition() == tp.partition())) {
                throw RestProxyException.partitionNotFound(tp.topic(), tp.partition());
            }
        }
    }

    private static void checkAssigned(Consumer<byte[], byte[]> consumer, Collection<TopicPartition> partitions) {
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition tp : partitions) {
            if (!assigned.contains(tp)) {
                throw RestProxyException.illegalState("Partition " + tp + " is not assigned to this instance (assigned: " + assigned
                    + "); subscribe and read, or assign it, first");
            }
        }
    }

    private static long length(byte[] data) {
        return data == null ? 0 : data.length;
    }
}
