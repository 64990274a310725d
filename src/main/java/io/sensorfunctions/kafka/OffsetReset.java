package io.sensorfunctions.kafka;

/**
 * The values Kafka's consumer takes for {@code auto.offset.reset} (ConsumerConfig), for the listener functions'
 * settings to check at startup rather than let the consumer fail on its first poll.
 */
public final class OffsetReset {

    /** {@code earliest}, {@code latest} or {@code none}; a jakarta {@code @Pattern} regexp. */
    public static final String VALUES = "earliest|latest|none";
    /** The message for a value outside {@link #VALUES}. */
    public static final String MESSAGE = "must be earliest, latest or none";

    private OffsetReset() {
    }
}
