package io.sensorfunctions.deadletter;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The headers a dead-lettered record carries, under spring-kafka's {@code kafka_dlt-*} names and encodings
 * ({@code org.springframework.kafka.support.KafkaHeaders}, {@code DeadLetterPublishingRecoverer}), so that tools
 * written for spring-kafka's dead-letter topics read ours: strings in UTF-8, the partition as a 4-byte and the
 * offset and timestamp as 8-byte big-endian integers. {@link #KIND} is ours: the failure's kind, as counted.
 */
public final class DeadLetterHeaders {

    /** Topic the record was read from; where a replay writes it back. */
    public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    /** Partition it was read from, 4-byte int. */
    public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    /** Its offset there, 8-byte long. */
    public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    /** Its timestamp, epoch ms as an 8-byte long. */
    public static final String ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";
    /** {@code CreateTime} or {@code LogAppendTime}. */
    public static final String ORIGINAL_TIMESTAMP_TYPE = "kafka_dlt-original-timestamp-type";
    /** The consumer group that gave up on it. */
    public static final String ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";
    /** Class of the exception that set it aside. */
    public static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    /** Class of that exception's cause, when it has one. */
    public static final String EXCEPTION_CAUSE_FQCN = "kafka_dlt-exception-cause-fqcn";
    /** The exception's message. */
    public static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";
    /** The failure's kind, e.g. {@code wrong-magic-byte} or {@code processing-failed}. */
    public static final String KIND = "sensor-functions_dlt-kind";
    /** Header a replayed record carries: {@code <dlt>-<partition>@<offset>} it was replayed from. */
    public static final String REPLAYED_FROM = "sensor-functions_dlt-replayed-from";
    /** Prefix of every header above but {@link #KIND}; a replay drops them all. */
    static final String PREFIX = "kafka_dlt-";

    private DeadLetterHeaders() {
    }

    static byte[] utf8(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] int4(int value) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(value).array();
    }

    static byte[] long8(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    /** @return the last header's value as UTF-8 text, or null when absent */
    public static String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** @return the last header's 4- or 8-byte big-endian value, or null when absent or of another length */
    public static Long number(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        if (header == null || header.value() == null) {
            return null;
        }
        byte[] value = header.value();
        return switch (value.length) {
            case Integer.BYTES -> (long) ByteBuffer.wrap(value).getInt();
            case Long.BYTES -> ByteBuffer.wrap(value).getLong();
            default -> null;
        };
    }
}
