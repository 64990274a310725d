package io.sensorfunctions.reader;

import io.micronaut.configuration.kafka.seek.KafkaSeekOperation;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where {@code POST /readers/seek} moves this instance's partitions: kafka-python's {@code seek_to_beginning},
 * {@code seek} to given offsets, and the same to the end or to a time.
 */
sealed interface SeekTarget {

    /** The seek operations for the partitions this instance owns; micronaut-kafka performs them on the poll thread. */
    List<KafkaSeekOperation> operations(Collection<TopicPartition> owned);

    /** Partitions this target names explicitly; empty when it applies to every owned partition. */
    default Collection<Integer> partitions() {
        return List.of();
    }

    record Beginning() implements SeekTarget {
        @Override
        public List<KafkaSeekOperation> operations(Collection<TopicPartition> owned) {
            return KafkaSeekOperation.seekToBeginning(owned);
        }
    }

    record End() implements SeekTarget {
        @Override
        public List<KafkaSeekOperation> operations(Collection<TopicPartition> owned) {
            return KafkaSeekOperation.seekToEnd(owned);
        }
    }

    /** The first offset whose record timestamp is at or after {@code epochMs}; the log end where there is none. */
    record Timestamp(long epochMs) implements SeekTarget {
        @Override
        public List<KafkaSeekOperation> operations(Collection<TopicPartition> owned) {
            return KafkaSeekOperation.seekToTimestamp(owned, epochMs);
        }
    }

    /** Partition number to next offset to read, for partitions this instance owns. */
    record Offsets(Map<Integer, Long> offsets) implements SeekTarget {
        @Override
        public List<KafkaSeekOperation> operations(Collection<TopicPartition> owned) {
            return owned.stream().filter(tp -> offsets.containsKey(tp.partition()))
                .map(tp -> KafkaSeekOperation.seek(tp, offsets.get(tp.partition()))).toList();
        }

        @Override
        public Collection<Integer> partitions() {
            return offsets.keySet();
        }
    }
}
