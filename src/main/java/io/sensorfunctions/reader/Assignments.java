package io.sensorfunctions.reader;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.sensorfunctions.topics.TopicPartitions;
import jakarta.inject.Singleton;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * This instance's partition assignment and its recent rebalance history, as the consumer's
 * {@code ConsumerRebalanceListener} reports them (assigned, revoked, lost). Under the cooperative-sticky assignor
 * (KIP-429) only moved partitions are revoked, so a rebalance often reports nothing for an instance.
 */
@Singleton
class Assignments {

    static final int HISTORY = 50;

    /** One rebalance callback. {@code sinceRevokeMs} is set on an assignment that follows a revoke or loss. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(String kind, List<String> partitions, Instant at, @Nullable Long sinceRevokeMs) {
    }

    /** What {@code GET /assignments} answers: current partitions, and the history newest first. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record View(String groupId, String clientId, List<String> partitions, List<Event> history) {
    }

    private final Clock clock;
    private final SortedSet<TopicPartition> current = new TreeSet<>(TopicPartitions.ORDER);
    private final Deque<Event> history = new ArrayDeque<>();
    private Instant lastRevoke;

    Assignments() {
        this(Clock.systemUTC());
    }

    Assignments(Clock clock) {
        this.clock = clock;
    }

    synchronized void assigned(Collection<TopicPartition> partitions) {
        Instant now = clock.instant();
        Long sinceRevoke = null;
        if (lastRevoke != null && !partitions.isEmpty()) {
            sinceRevoke = Duration.between(lastRevoke, now).toMillis();
            lastRevoke = null;
        }
        current.addAll(partitions);
        record(new Event("assigned", names(partitions), now, sinceRevoke));
    }

    synchronized void revoked(Collection<TopicPartition> partitions) {
        removed("revoked", partitions);
    }

    synchronized void lost(Collection<TopicPartition> partitions) {
        removed("lost", partitions);
    }

    private void removed(String kind, Collection<TopicPartition> partitions) {
        Instant now = clock.instant();
        if (!partitions.isEmpty()) {
            lastRevoke = now;
        }
        current.removeAll(partitions);
        record(new Event(kind, names(partitions), now, null));
    }

    synchronized View view(String groupId, String clientId) {
        return new View(groupId, clientId, names(current), List.copyOf(history));
    }

    synchronized List<String> current() {
        return names(current);
    }

    /** Partition numbers owned now. */
    synchronized List<Integer> ownedPartitions() {
        return current.stream().map(TopicPartition::partition).toList();
    }

    private void record(Event event) {
        history.addFirst(event);
        while (history.size() > HISTORY) {
            history.removeLast();
        }
    }

    /** {@code topic-partition}, as Kafka's tools print them, in partition order. */
    private static List<String> names(Collection<TopicPartition> partitions) {
        return partitions.stream().sorted(TopicPartitions.ORDER).map(TopicPartition::toString).toList();
    }
}
