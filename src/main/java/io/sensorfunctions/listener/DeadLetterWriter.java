package io.sensorfunctions.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Where a {@link RecordGuard} sends a record it gives up on. The dead-letter package implements it
 * ({@code DeadLetterPublisher}, to {@code <topic>.DLT}); it is declared here so that the listener runtime does not
 * depend on the dead-letter tools, which read this package's listener states.
 */
public interface DeadLetterWriter {

    /**
     * Writes the record to its dead-letter topic and waits for the broker's acknowledgement.
     *
     * @param record the record as consumed, raw bytes
     * @param group  the consumer group that gives up on it
     * @param kind   the failure's kind, e.g. {@code truncated}
     * @param cause  why it was given up on
     * @return where it was written
     * @throws KafkaException when the write fails or is interrupted; the caller must then not commit past the record
     */
    RecordMetadata publish(ConsumerRecord<byte[], byte[]> record, String group, String kind, Throwable cause);
}
