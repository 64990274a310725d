package io.sensorfunctions.reader;

import io.micronaut.configuration.kafka.seek.KafkaSeekOperation;
import io.micronaut.configuration.kafka.seek.KafkaSeeker;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands a seek from the HTTP thread to the consumer's poll thread, the only thread allowed to move a Kafka
 * consumer. The listener takes the pending seek after the next poll it processes and performs it there with
 * micronaut-kafka's {@link KafkaSeeker}, before the batch commit, which then commits the new positions. So a seek
 * takes effect on the next records this instance receives: at once in a running fleet, not while its partitions are
 * idle.
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
     * On the poll thread, after a poll's records: performs the pending seek, if any, on the partitions this consumer
     * owns. Called once per poll, so the owned partitions are asked for only when a seek is pending.
     *
     * @param consumer the listener's consumer
     */
    void applyPending(Consumer<?, ?> consumer) {
        if (pending.get() == null) {
            return;
        }
        Pending taken = pending.getAndSet(null);
        if (taken == null) {
            return;
        }
        try {
            List<KafkaSeekOperation> operations = taken.target().operations(consumer.assignment());
            KafkaSeeker seeker = KafkaSeeker.newInstance(consumer);
            operations.forEach(seeker::perform);
            taken.applied().complete(operations.stream().map(ReaderSeeks::describe).toList());
        } catch (WakeupException e) {
            taken.applied().completeExceptionally(e);
            throw e;
        } catch (RuntimeException e) {
            // e.g. offsetsForTimes timing out: the seek is refused, and the poll's records stay processed and committed.
            taken.applied().completeExceptionally(e);
        }
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
