package io.sensorfunctions.serde;

import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a topic and schema map to a registry subject, as Confluent's strategies of the same names do
 * ({@code key.subject.name.strategy} / {@code value.subject.name.strategy}). The config accepts Confluent's class
 * names ({@code io.confluent.kafka.serializers.subject.TopicNameStrategy}), so one config works with either serde.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}; the default. */
    TOPIC_NAME("TopicNameStrategy") {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return topic + (isKey ? "-key" : "-value");
        }
    },
    /** The record's full name, so one type keeps one subject across topics. */
    RECORD_NAME("RecordNameStrategy") {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return schema.getFullName();
        }
    },
    /** {@code <topic>-<record full name>}. */
    TOPIC_RECORD_NAME("TopicRecordNameStrategy") {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return topic + "-" + schema.getFullName();
        }
    };

    private final String simpleName;

    SubjectNameStrategy(String simpleName) {
        this.simpleName = simpleName;
    }

    /**
     * @param topic  the record's topic
     * @param isKey  whether the schema is the key's
     * @param schema the writer schema
     * @return the subject to register under or look up
     */
    public abstract String subject(String topic, boolean isKey, Schema schema);

    /**
     * @param config    the config key, named in errors
     * @param className a strategy's simple or fully qualified class name (Confluent's or ours), or null for the default
     * @return the strategy
     * @throws ConfigException for an unknown name
     */
    static SubjectNameStrategy fromConfig(String config, Object className) {
        if (className == null) {
            return TOPIC_NAME;
        }
        String name = className instanceof Class<?> c ? c.getSimpleName() : className.toString().trim();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        return Arrays.stream(values())
            .filter(s -> s.simpleName.equalsIgnoreCase(simple) || s.name().equals(simple.toUpperCase(Locale.ROOT)))
            .findFirst()
            .orElseThrow(() -> new ConfigException(config, className,
                "unknown subject name strategy; use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy"));
    }
}
