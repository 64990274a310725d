package io.sensorfunctions.deadletter;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.sensorfunctions.topics.Topics;
import io.sensorfunctions.topics.TopicsConfiguration;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads the dead-letter topics for {@code GET /dlt} and writes selected records back for {@code POST /dlt/replay}.
 * Each call uses a short-lived consumer that is assigned partitions (no group, nothing committed), so browsing
 * never moves anyone's offsets. Blocking: call from the blocking executor.
 */
@Singleton
class DeadLetterRecords {

    /** Longest a browse or replay waits for the broker. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * One dead-lettered record.
     *
     * @param partition   its partition in the dead-letter topic
     * @param offset      its offset there
     * @param timestamp   when it was dead-lettered, epoch ms
     * @param key         the key as UTF-8 text, or null
     * @param valueBase64 the value's exact bytes, base64, or null for a tombstone
     * @param headers     every header: the {@code kafka_dlt-*} integers as numbers, the rest as UTF-8 text
     */
    @Serdeable
    record Entry(int partition, long offset, long timestamp, @Nullable String key, @Nullable String valueBase64,
                 Map<String, Object> headers) {
    }

    /**
     * A dead-letter topic's contents.
     *
     * @param topic  its name
     * @param count  records it holds now, read {@code read_committed} within the read timeout (10 s)
     * @param recent its last records, newest first
     */
    @Serdeable
    record Contents(String topic, long count, List<Entry> recent) {
    }

    /**
     * One record replayed.
     *
     * @param from {@code <dlt>-<partition>@<offset>}
     * @param to   {@code <topic>-<partition>@<offset>} where it was written
     */
    @Serdeable
    record Replayed(String from, String to) {
    }

    private static final Set<String> NUMBERS = Set.of(DeadLetterHeaders.ORIGINAL_PARTITION, DeadLetterHeaders.ORIGINAL_OFFSET,
        DeadLetterHeaders.ORIGINAL_TIMESTAMP);

    private final KafkaDefaultConfiguration kafka;
    private final DeadLetterPublisher publisher;
    private final String topic;

    DeadLetterRecords(KafkaDefaultConfiguration kafka, DeadLetterPublisher publisher, TopicsConfiguration topics) {
        this.kafka = kafka;
        this.publisher = publisher;
        this.topic = Topics.deadLetterOf(topics.readings());
    }

    /** @return the dead-letter topics this instance knows of */
    List<String> topics() {
        return List.of(topic);
    }

    /**
     * @param dlt   a dead-letter topic from {@link #topics()}
     * @param limit how many of the newest records to return, per topic
     * @return the topic's count and newest records
     */
    Contents browse(String dlt, int limit) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, dlt);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            // Counted by reading, not from the offsets: transaction markers and the dead letters of aborted batches
            // (the alerts function writes its dead letters in transactions) take offsets but are no records.
            long count = 0;
            Map<TopicPartition, ArrayDeque<Entry>> newest = new HashMap<>();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < end.get(partition)) {
                        count++;
                        ArrayDeque<Entry> kept = newest.computeIfAbsent(partition, p -> new ArrayDeque<>());
                        kept.addLast(entry(record));
                        if (kept.size() > limit) {
                            kept.removeFirst();
                        }
                    }
                }
            }
            List<Entry> entries = new ArrayList<>();
            newest.values().forEach(entries::addAll);
            entries.sort(Comparator.comparingLong(Entry::timestamp).thenComparingLong(Entry::offset).reversed());
            return new Contents(dlt, count, entries.subList(0, Math.min(limit, entries.size())));
        }
    }

    /**
     * Writes dead-lettered records back to the partition of the topic they were read from, with their exact key,
     * value and own headers, plus {@link DeadLetterHeaders#REPLAYED_FROM}; the {@code kafka_dlt-*} headers are dropped.
     *
     * @param dlt       a dead-letter topic from {@link #topics()}
     * @param partition its partition
     * @param offsets   offsets in that partition, each at least the partition's start and below its end
     * @return one line per record, in the order given
     * @throws NoSuchRecordException when an offset is outside the partition or the partition does not exist;
     *                               nothing is replayed then
     * @throws org.apache.kafka.common.KafkaException when a write fails; the records before it are replayed
     */
    List<Replayed> replay(String dlt, int partition, List<Long> offsets) {
        Map<Long, ConsumerRecord<byte[], byte[]>> found = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            TopicPartition tp = new TopicPartition(dlt, partition);
            if (partitions(consumer, dlt).stream().noneMatch(tp::equals)) {
                throw new NoSuchRecordException("partition", dlt + " has no partition " + partition);
            }
            long begin = consumer.beginningOffsets(List.of(tp), TIMEOUT).get(tp);
            long end = consumer.endOffsets(List.of(tp), TIMEOUT).get(tp);
            for (long offset : offsets) {
                if (offset < begin || offset >= end) {
                    throw new NoSuchRecordException("offsets", dlt + "-" + partition + " holds offsets " + begin + " to "
                        + (end - 1) + "; " + offset + " is not among them");
                }
            }
            consumer.assign(List.of(tp));
            for (long offset : offsets) {
                if (!found.containsKey(offset)) {
                    found.put(offset, read(consumer, tp, offset));
                }
            }
        }
        List<Replayed> replayed = new ArrayList<>();
        for (long offset : offsets) {
            ConsumerRecord<byte[], byte[]> record = found.get(offset);
            RecordMetadata written = publisher.send(backToSource(dlt, record));
            replayed.add(new Replayed(dlt + "-" + partition + "@" + offset,
                written.topic() + "-" + written.partition() + "@" + written.offset()));
        }
        return replayed;
    }

    private ProducerRecord<byte[], byte[]> backToSource(String dlt, ConsumerRecord<byte[], byte[]> record) {
        String source = dlt.substring(0, dlt.length() - Topics.DEAD_LETTER_SUFFIX.length());
        Long partition = DeadLetterHeaders.number(record.headers(), DeadLetterHeaders.ORIGINAL_PARTITION);
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DeadLetterHeaders.PREFIX) && !header.key().equals(DeadLetterHeaders.KIND)
                && !header.key().equals(DeadLetterHeaders.REPLAYED_FROM)) {
                headers.add(header);
            }
        }
        headers.add(DeadLetterHeaders.REPLAYED_FROM, DeadLetterHeaders.utf8(dlt + "-" + record.partition() + "@" + record.offset()));
        return new ProducerRecord<>(source, partition == null ? null : partition.intValue(), record.key(), record.value(), headers);
    }

    private static ConsumerRecord<byte[], byte[]> read(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long offset) {
        consumer.seek(tp, offset);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() == offset) {
                    return record;
                }
                if (record.offset() > offset) {
                    throw new NoSuchRecordException("offsets", tp + " has no record at offset " + offset);
                }
            }
        }
        throw new org.apache.kafka.common.errors.TimeoutException("reading " + tp + " offset " + offset + " took over " + TIMEOUT);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String dlt) {
        List<PartitionInfo> infos = consumer.partitionsFor(dlt, TIMEOUT);
        return infos == null ? List.of() : infos.stream().map(i -> new TopicPartition(dlt, i.partition()))
            .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private static Entry entry(ConsumerRecord<byte[], byte[]> record) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            Object value = NUMBERS.contains(header.key()) ? DeadLetterHeaders.number(record.headers(), header.key())
                : header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
            headers.put(header.key(), value);
        }
        return new Entry(record.partition(), record.offset(), record.timestamp(),
            record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
            record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()), headers);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties properties = new Properties();
        properties.putAll(kafka.getConfig());
        properties.keySet().removeIf(key -> !ConsumerConfig.configNames().contains(key.toString()));
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The alerts function writes its dead letters in its batches' transactions: those of an aborted batch are not
        // dead letters, and a replay must not write them back.
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
