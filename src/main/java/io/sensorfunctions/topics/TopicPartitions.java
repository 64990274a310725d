package io.sensorfunctions.topics;

import org.apache.kafka.common.TopicPartition;

import java.util.Comparator;

/** How partitions are listed wherever we show them: by topic, then partition number (0, 1, ..., 10, not 0, 1, 10). */
public final class TopicPartitions {

    /** By topic name, then partition number. */
    public static final Comparator<TopicPartition> ORDER =
        Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private TopicPartitions() {
    }
}
