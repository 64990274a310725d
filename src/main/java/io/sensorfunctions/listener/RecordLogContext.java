package io.sensorfunctions.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;

/**
 * Puts a consumed record's coordinates in the logging MDC ({@code topic}, {@code partition}, {@code offset},
 * {@code group}) for the lines logged about it, and takes them out on {@link #close()}. With {@code LOG_FORMAT=json}
 * they are fields of each line. Opened only around lines actually written (failures, DEBUG), never per record.
 */
public final class RecordLogContext implements AutoCloseable {

    static final String TOPIC = "topic";
    static final String PARTITION = "partition";
    static final String OFFSET = "offset";
    static final String GROUP = "group";

    private RecordLogContext() {
    }

    /**
     * @param record the record the following lines are about
     * @param group  the consumer group that read it
     * @return the open context, for try-with-resources
     */
    public static RecordLogContext of(ConsumerRecord<?, ?> record, String group) {
        MDC.put(TOPIC, record.topic());
        MDC.put(PARTITION, Integer.toString(record.partition()));
        MDC.put(OFFSET, Long.toString(record.offset()));
        MDC.put(GROUP, group);
        return new RecordLogContext();
    }

    @Override
    public void close() {
        MDC.remove(TOPIC);
        MDC.remove(PARTITION);
        MDC.remove(OFFSET);
        MDC.remove(GROUP);
    }
}
