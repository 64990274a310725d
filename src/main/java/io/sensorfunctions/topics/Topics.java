package io.sensorfunctions.topics;

/**
 * Placeholders for the topic names, resolved from {@link TopicsConfiguration} at startup. Annotations such as
 * {@code @Topic} and {@code @KafkaListener} take these so that each name is configured in one place.
 */
public final class Topics {

    /** Sensor readings, Avro {@code SensorReading} values keyed by sensor id. Default {@code sensor-readings}. */
    public static final String READINGS = "${topics.readings}";

    /** Alerts, Avro {@code SensorAlert} values keyed by sensor id. Default {@code sensor-alerts}. */
    public static final String ALERTS = "${topics.alerts}";

    /** Suffix of a dead-letter topic's name, spring-kafka's naming. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    private Topics() {
    }

    /** @return the name of {@code topic}'s dead-letter topic, {@code topic + ".DLT"} */
    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
