package io.sensorfunctions.reader;

import io.micronaut.configuration.kafka.seek.KafkaSeekOperation;
import io.micronaut.configuration.kafka.seek.KafkaSeekOperations;
import jakarta.inject.Singleton;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Hands a seek from the HTTP thread to the consumer's poll thread, the only thread allowed to move a Kafka
 * consumer. The listener takes the pending seek after the next record it processes and defers it to
 * micronaut-kafka's {@link KafkaSeekOperations}, which performs it before the next poll. So a seek takes effect on
 * the next record this instance receives: at once in a running fleet, not while its partitions are idle.
 */
@Singleton
class ReaderSeeks {

    private record Pending(SeekTarget target, CompletableFuture<List<String>> applied) {
    }

    private final AtomicReference<Pending> pending = new AtomicReference<>();

    /**
     * @return completes with the operations performed, one line per partition; fails if a newer seek replaced this
     */
    CompletableFuture<List<String>> request(SeekTarget target) {
        Pending next = new Pending(target, new CompletableFuture<>());
        Pending replaced = pending.getAndSet(next);
        if (replaced != null) {
            replaced.applied().completeExceptionally(new IllegalStateException("replaced by a newer seek before it was applied"));
        }
        return next.applied();
    }

    /** Whether a seek waits for the next record. */
    boolean pending() {
        return pending.get() != null;
    }

    /**
     * On the poll thread: defers the pending seek, if any, for the partitions this consumer owns. Called per record,
     * so the owned partitions are asked for only when a seek is pending.
     */
    void applyPending(Supplier<Collection<TopicPartition>> owned, KafkaSeekOperations seeks) {
        if (pending.get() == null) {
            return;
        }
        Pending taken = pending.getAndSet(null);
        if (taken == null) {
            return;
        }
        List<KafkaSeekOperation> operations = taken.target().operations(owned.get());
        operations.forEach(seeks::defer);
        taken.applied().complete(operations.stream().map(ReaderSeeks::describe).toList());
    }

    private static String describe(KafkaSeekOperation operation) {
        return switch (operation.offsetType()) {
            case BEGINNING -> operation.topicPartition() + " to the beginning";
            case END -> operation.topicPartition() + " to the end";
            case TIMESTAMP -> operation.topicPartition() + " to the first record at or after " + Instant.ofEpochMilli(operation.offset());
            default -> operation.topicPartition() + " to offset " + operation.offset();
        };
    }
}
