package io.sensorfunctions.deadletter;

import io.micronaut.configuration.kafka.ProducerRegistry;
import io.micronaut.core.type.Argument;
import io.sensorfunctions.topics.Topics;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.util.concurrent.ExecutionException;

/**
 * Writes records that a listener gave up on to {@code <topic>.DLT}, spring-kafka's naming, with their exact key and
 * value bytes, their own headers, and {@link DeadLetterHeaders} saying where they came from and why. The producer is
 * {@code kafka.producers.dead-letter} (acks=all, idempotent, bounded by {@code delivery.timeout.ms}).
 */
@Singleton
public class DeadLetterPublisher {

    /** Producer id, and so its settings under {@code kafka.producers.dead-letter}. */
    static final String PRODUCER_ID = "dead-letter";

    private final ProducerRegistry producers;
    private volatile Producer<byte[], byte[]> producer;

    DeadLetterPublisher(ProducerRegistry producers) {
        this.producers = producers;
    }

    /**
     * Writes the record to its dead-letter topic and waits for the broker's acknowledgement. Its own headers are
     * kept, but for earlier dead-letter headers, which the new ones replace.
     *
     * @param record the record as consumed, raw bytes
     * @param group  the consumer group that gives up on it
     * @param kind   the failure's kind, e.g. {@code truncated}
     * @param cause  why it was given up on
     * @return where it was written
     * @throws KafkaException when the write fails or is interrupted; the caller must then not commit past the record
     */
    public RecordMetadata publish(ConsumerRecord<byte[], byte[]> record, String group, String kind, Throwable cause) {
        return publish(producer(), record, group, kind, cause);
    }

    /**
     * As {@link #publish(ConsumerRecord, String, String, Throwable)}, through {@code producer}: a listener's
     * transactional producer, so that the dead letter is written in the transaction of the batch it belongs to and is
     * visible to {@code read_committed} readers only if that transaction commits.
     *
     * @throws KafkaException when the write fails or is interrupted; the caller must then not commit past the record
     */
    public RecordMetadata publish(Producer<byte[], byte[]> producer, ConsumerRecord<byte[], byte[]> record, String group,
                                  String kind, Throwable cause) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DeadLetterHeaders.PREFIX) && !header.key().equals(DeadLetterHeaders.KIND)) {
                headers.add(header);
            }
        }
        headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, DeadLetterHeaders.utf8(record.topic()));
        headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, DeadLetterHeaders.int4(record.partition()));
        headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, DeadLetterHeaders.long8(record.offset()));
        headers.add(DeadLetterHeaders.ORIGINAL_TIMESTAMP, DeadLetterHeaders.long8(record.timestamp()));
        headers.add(DeadLetterHeaders.ORIGINAL_TIMESTAMP_TYPE, DeadLetterHeaders.utf8(record.timestampType().toString()));
        headers.add(DeadLetterHeaders.ORIGINAL_CONSUMER_GROUP, DeadLetterHeaders.utf8(group));
        headers.add(DeadLetterHeaders.EXCEPTION_FQCN, DeadLetterHeaders.utf8(cause.getClass().getName()));
        if (cause.getCause() != null) {
            headers.add(DeadLetterHeaders.EXCEPTION_CAUSE_FQCN, DeadLetterHeaders.utf8(cause.getCause().getClass().getName()));
        }
        headers.add(DeadLetterHeaders.EXCEPTION_MESSAGE, DeadLetterHeaders.utf8(String.valueOf(cause.getMessage())));
        headers.add(DeadLetterHeaders.KIND, DeadLetterHeaders.utf8(kind));
        return send(producer, new ProducerRecord<>(Topics.deadLetterOf(record.topic()), null, record.key(), record.value(), headers));
    }

    /**
     * Writes a record and waits for the broker's acknowledgement.
     *
     * @throws KafkaException when the write fails or is interrupted
     */
    RecordMetadata send(ProducerRecord<byte[], byte[]> record) {
        return send(producer(), record);
    }

    private static RecordMetadata send(Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
        try {
            return producer.send(record).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing to " + record.topic(), e);
        }
    }

    private Producer<byte[], byte[]> producer() {
        Producer<byte[], byte[]> current = producer;
        if (current == null) {
            current = producers.getProducer(PRODUCER_ID, Argument.of(byte[].class), Argument.of(byte[].class));
            producer = current;
        }
        return current;
    }
}
