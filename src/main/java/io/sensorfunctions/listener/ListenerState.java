package io.sensorfunctions.listener;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
    /** Written by the poll thread only (single writer), so an ordered store is enough; read by metrics and summaries. */
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong aborted = new AtomicLong();
    private final AtomicLong fenced = new AtomicLong();
    private volatile boolean transactional;
    private volatile MeterRegistry meters;
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
        deadLettered.computeIfAbsent(kind, k -> {
            LongAdder count = new LongAdder();
            MeterRegistry registry = meters;
            if (registry != null) {
                bindDeadLettered(registry, k, count);
            }
            return count;
        }).increment();
    }

    /** One more record processed; poll thread only. */
    void processed() {
        processed.lazySet(processed.get() + 1);
    }

    /** {@code records} more passed over because their partition is held at an earlier one; poll thread only. */
    void skipped(int records) {
        if (records > 0) {
            skipped.lazySet(skipped.get() + records);
        }
    }

    /** @return records processed since start */
    public long processedCount() {
        return processed.get();
    }

    /** @return records dead-lettered since start, all kinds */
    public long deadLetteredCount() {
        return deadLettered.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** @return failed attempts tried again since start */
    public long retriedCount() {
        return retried.sum();
    }

    /** @return how many partitions are held back now */
    public int waitingCount() {
        return waiting.size();
    }

    /**
     * Registers this listener's meters, tagged {@code function} and {@code group} (Micrometer names; Prometheus adds
     * {@code _total} to counters): {@code sensor.records.processed}, {@code sensor.records.dead.lettered} (also tagged
     * {@code kind}), {@code sensor.records.retried}, {@code sensor.records.skipped} (passed over while their partition
     * is held; delivered again, never committed past), {@code sensor.partitions.waiting} and {@code sensor.listener.down}
     * (1 while stopped, stalled, refused or waiting).
     */
    void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("sensor.records.processed", processed, AtomicLong::get).tags(tags())
            .description("records processed (decoded and handled) by this listener").register(registry);
        FunctionCounter.builder("sensor.records.retried", retried, LongAdder::sum).tags(tags())
            .description("failed attempts that were tried again").register(registry);
        FunctionCounter.builder("sensor.records.skipped", skipped, AtomicLong::get).tags(tags())
            .description("records passed over while their partition is held back; delivered again, never committed past")
            .register(registry);
        Gauge.builder("sensor.partitions.waiting", waiting, Map::size).tags(tags())
            .description("partitions held back, waiting for the schema registry or the broker").register(registry);
        Gauge.builder("sensor.listener.down", this, state -> state.down() ? 1 : 0).tags(tags())
            .description("1 while the listener is stopped, stalled, refused by the broker or waiting").register(registry);
        deadLettered.forEach((kind, count) -> bindDeadLettered(registry, kind, count));
        if (transactional) {
            bindTransactions(registry);
        }
        meters = registry;
    }

    /**
     * Marks the listener as one that runs each batch in a Kafka transaction ({@link TransactionalBatches}), and
     * registers its meters {@code sensor.transactions.committed}, {@code .aborted} and {@code .fenced}, tagged as
     * the others.
     */
    void transactional() {
        transactional = true;
        MeterRegistry registry = meters;
        if (registry != null) {
            bindTransactions(registry);
        }
    }

    private void bindTransactions(MeterRegistry registry) {
        FunctionCounter.builder("sensor.transactions.committed", committed, AtomicLong::get).tags(tags())
            .description("batches whose transaction committed: their writes and offsets, atomically").register(registry);
        FunctionCounter.builder("sensor.transactions.aborted", aborted, AtomicLong::get).tags(tags())
            .description("batches whose transaction was aborted and whose records are read again").register(registry);
        FunctionCounter.builder("sensor.transactions.fenced", fenced, AtomicLong::get).tags(tags())
            .description("transactions refused because this instance was fenced (KIP-447): a newer owner of its "
                + "partitions or of its transactional.id exists").register(registry);
    }

    /** One more transaction committed; poll thread only. */
    void committed() {
        committed.lazySet(committed.get() + 1);
    }

    /** One more transaction aborted, {@code fenced} when the broker fenced it; poll thread only. */
    void aborted(boolean fenced) {
        aborted.lazySet(aborted.get() + 1);
        if (fenced) {
            this.fenced.lazySet(this.fenced.get() + 1);
        }
    }

    private void bindDeadLettered(MeterRegistry registry, String kind, LongAdder count) {
        FunctionCounter.builder("sensor.records.dead.lettered", count, LongAdder::sum).tags(tags()).tag("kind", kind)
            .description("records written to the dead-letter topic, by kind").register(registry);
    }

    private Tags tags() {
        return Tags.of("function", function, "group", group);
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
