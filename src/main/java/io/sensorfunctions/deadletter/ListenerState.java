package io.sensorfunctions.deadletter;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * One listener function's account of what went wrong: records dead-lettered per kind, failures retried, waits for
 * the registry or broker, the partitions held back now, whether its consumer stalled (no poll for longer than
 * {@code dead-letter.stall-timeout}) and, once it stopped, why. Written by the poll
 * thread, read by {@code /health} and {@code GET /dlt}; nothing here takes a lock.
 */
public final class ListenerState {

    /**
     * What {@code /health} and {@code GET /dlt} show of one listener.
     *
     * @param group        its consumer group
     * @param deadLettered records written to a dead-letter topic, per kind
     * @param retried      failed attempts of records that were then tried again
     * @param waited       pauses spent waiting for the schema registry or the broker
     * @param waiting      partitions held back now, with the reason
     * @param stopped      why the consumer stopped, or null while it runs
     * @param stalled      why the consumer counts as stalled (no poll for longer than {@code dead-letter.stall-timeout}),
     *                     or null
     * @param refused      why the broker refused the consumer's last polls (a missing ACL), or null
     */
    @Serdeable
    public record Snapshot(String group, Map<String, Long> deadLettered, long retried, long waited,
                           Map<String, String> waiting, @Nullable String stopped, @Nullable String stalled,
                           @Nullable String refused) {
    }

    /** A refusal older than this is over: the consumer, polling about once a second while refused, polled since. */
    static final Duration REFUSAL_WINDOW = Duration.ofSeconds(10);

    private final String function;
    private final String group;
    private final Duration stallTimeout;
    private volatile DoubleSupplier secondsSinceLastPoll = () -> -1;
    private final Map<String, LongAdder> deadLettered = new ConcurrentHashMap<>();
    private final LongAdder retried = new LongAdder();
    private final LongAdder waited = new LongAdder();
    private final Map<TopicPartition, String> waiting = new ConcurrentHashMap<>();
    private volatile String stopped;
    private volatile String refused;
    private volatile long refusedAt;

    ListenerState(String function, String group, Duration stallTimeout) {
        this.function = function;
        this.group = group;
        this.stallTimeout = stallTimeout;
    }

    /** @param secondsSinceLastPoll the consumer's {@code last-poll-seconds-ago} metric; negative before its first poll */
    void watchPolls(DoubleSupplier secondsSinceLastPoll) {
        this.secondsSinceLastPoll = secondsSinceLastPoll;
    }

    /** @return why the consumer counts as stalled, or null while it polls */
    String stalled() {
        double seconds = secondsSinceLastPoll.getAsDouble();
        if (stopped != null || seconds * 1000 <= stallTimeout.toMillis()) {
            return null;
        }
        return "the consumer has not polled for " + (long) seconds + " s (dead-letter.stall-timeout is "
            + stallTimeout.toSeconds() + " s): a record's processing is stuck, or its poll thread died";
    }

    /** @return the function's name, e.g. {@code reader} */
    public String function() {
        return function;
    }

    /** @return the consumer group */
    public String group() {
        return group;
    }

    /**
     * Records that the consumer stopped for good; the first reason wins.
     *
     * @return true if this call recorded it
     */
    public synchronized boolean stop(String reason) {
        if (stopped != null) {
            return false;
        }
        stopped = reason;
        return true;
    }

    /** @return why the consumer stopped, or null while it runs */
    public String stopped() {
        return stopped;
    }

    /**
     * Records that the broker refused a poll, e.g. {@code GroupAuthorizationException}.
     *
     * @return true when the reason differs from the last one, so that the caller logs each refusal once
     */
    boolean refused(String reason) {
        boolean changed = !reason.equals(refused) || refusal() == null;
        refused = reason;
        refusedAt = System.nanoTime();
        return changed;
    }

    /** @return why the broker refused a poll within the last {@link #REFUSAL_WINDOW}, or null */
    String refusal() {
        String reason = refused;
        return reason != null && System.nanoTime() - refusedAt < REFUSAL_WINDOW.toNanos() ? reason : null;
    }

    /**
     * @return true when the consumer stopped, stalled or is refused by the broker, or any partition waits for the
     * registry or broker
     */
    public boolean down() {
        return stopped != null || !waiting.isEmpty() || stalled() != null || refusal() != null;
    }

    void deadLettered(String kind) {
        deadLettered.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void retried() {
        retried.increment();
    }

    void waiting(TopicPartition partition, String reason) {
        waited.increment();
        waiting.put(partition, reason);
    }

    void resumed(TopicPartition partition) {
        waiting.remove(partition);
    }

    boolean isWaiting(TopicPartition partition) {
        return waiting.containsKey(partition);
    }

    /** @return the figures now */
    public Snapshot snapshot() {
        Map<String, Long> kinds = new TreeMap<>();
        deadLettered.forEach((kind, count) -> kinds.put(kind, count.sum()));
        Map<String, String> held = new TreeMap<>();
        waiting.forEach((partition, reason) -> held.put(partition.toString(), reason));
        return new Snapshot(group, kinds, retried.sum(), waited.sum(), held, stopped, stalled(), refusal());
    }
}
