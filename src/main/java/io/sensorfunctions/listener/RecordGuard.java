package io.sensorfunctions.listener;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.sensorfunctions.deadletter.DeadLetterConfiguration;
import io.sensorfunctions.deadletter.DeadLetterPublisher;
import io.sensorfunctions.tracing.KafkaTracing;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a listener's per-record work so that no record is committed past unless it was processed or written to its
 * dead-letter topic. One guard per listener, used only on that listener's poll thread.
 *
 * <p>Why not micronaut-kafka's error strategies: in 5.9, {@code NONE} leaves the failing partition's position at the
 * end of the polled batch, so the next commit skips the records after the failure; {@code RETRY_*} give up after
 * {@code retryCount} and skip the record; none writes a dead-letter topic (micronaut-kafka 6, on Micronaut 5). This
 * guard keeps micronaut-kafka's poll loop and decides per record instead:
 * <ul>
 *   <li>processed: nothing to do; the batch commit covers it;</li>
 *   <li>the registry or the broker failed (a {@link DecodeFailure} whose dependency failed, a
 *       {@code RetriableException}, a missing ACL, a dead-letter write that failed): the partition is moved back to
 *       the record and paused for a capped exponential backoff, as long as it takes; one log line per pause;</li>
 *   <li>the bytes cannot decode (garbage, wrong magic byte, truncated, over Avro's limits, unknown schema id, a
 *       tombstone): written to {@code <topic>.DLT} at once;</li>
 *   <li>processing threw anything else: tried again after a backoff, {@code dead-letter.max-attempts} in all, then
 *       dead-lettered;</li>
 *   <li>an {@link Error}: the listener stops, {@code /health} turns DOWN naming the function, every partition is moved
 *       back to its first unprocessed record, and the consumer is woken so that it commits those positions and closes.
 *       An {@code Error} inside {@code poll()} stops the listener the same way, through {@link ErrorSafeConsumer}.</li>
 * </ul>
 * Records of a held partition that were already polled are passed over, since the seek back delivers them again.
 *
 * <p>Listeners hand it a whole poll ({@code batch = true} with a {@code ConsumerRecords} parameter). Each partition
 * is taken in offset order; a record that must wait seeks its partition back to itself, and the guard moves on to the
 * next partition. So when the listener returns, every partition's position is its first record not done with: what
 * {@code OffsetStrategy.SYNC}'s {@code commitSync()} commits, or {@link TransactionalBatches} sends to its transaction.
 */
public final class RecordGuard {

    /** The per-record work of a listener: decode and process. */
    @FunctionalInterface
    public interface Handler {
        /** @throws Exception whatever failed; the guard decides what that means for the record */
        void process(ConsumerRecord<byte[], byte[]> record) throws Exception;
    }

    /** Where dead letters go: the publisher's producer, or a transaction's; a {@code KafkaException} holds the record. */
    @FunctionalInterface
    interface DeadLetterWriter {
        RecordMetadata write(ConsumerRecord<byte[], byte[]> record, String group, String kind, Exception cause);
    }

    private static final Logger LOG = LoggerFactory.getLogger(RecordGuard.class);
    static final String PROCESSING_FAILED = "processing-failed";

    private final ListenerState state;
    private final DeadLetterConfiguration configuration;
    private final PartitionPauser pauser;
    private final KafkaTracing tracing;
    private final boolean traced;
    private final Map<TopicPartition, Long> held = new HashMap<>();
    private final RecordFailures failures = new RecordFailures();
    private DeadLetterWriter deadLetters;
    private Consumer<?, ?> consumer;
    private boolean halted;

    RecordGuard(ListenerState state, DeadLetterConfiguration configuration, DeadLetterPublisher publisher, PartitionPauser pauser,
                KafkaTracing tracing) {
        this.state = state;
        this.configuration = configuration;
        this.pauser = pauser;
        this.tracing = tracing;
        this.traced = tracing.enabled();
        this.deadLetters = publisher::publish;
    }

    /** Writes this guard's dead letters through {@code writer} from now on; {@link TransactionalBatches} sets it. */
    void writeDeadLettersThrough(DeadLetterWriter writer) {
        this.deadLetters = writer;
    }

    /**
     * Binds the guard to its listener's consumer, and the listener's health to the consumer's
     * {@code last-poll-seconds-ago} metric; call from {@code ConsumerAware.setKafkaConsumer}, before it polls.
     */
    public void attach(Consumer<?, ?> consumer) {
        this.consumer = consumer;
        if (consumer instanceof ErrorSafeConsumer<?, ?> safe) {
            safe.onError(this::haltInPoll);
        }
        consumer.metrics().forEach((name, metric) -> {
            if (name.name().equals("last-poll-seconds-ago") && name.group().equals("consumer-metrics")) {
                state.watchPolls(() -> metric.metricValue() instanceof Number seconds ? seconds.doubleValue() : -1);
            }
        });
    }

    /** @return the listener's state, for its own health or status reporting */
    public ListenerState state() {
        return state;
    }

    /**
     * Processes one poll's records, partition by partition in offset order; never throws. A record held back seeks its
     * partition back to it; that partition's later records of this poll are passed over ({@code sensor.records.skipped}).
     * @param records one poll's records
     * @param handler the listener's per-record work
     * @return how many records are done with (processed or dead-lettered)
     */
    public int handle(ConsumerRecords<byte[], byte[]> records, Handler handler) {
        int done = 0;
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> polled = records.records(partition);
            for (int i = 0, n = polled.size(); i < n; i++) {
                if (!handle(polled.get(i), handler)) {
                    state.skipped(n - i - 1);
                    break;
                }
                done++;
            }
        }
        return done;
    }

    /** @return true when the record is processed or dead-lettered, false when its partition is held back; never throws */
    public boolean handle(ConsumerRecord<byte[], byte[]> record, Handler handler) {
        if (!held.isEmpty()) {
            TopicPartition partition = partitionOf(record);
            Long at = held.get(partition);
            if (at != null) {
                if (record.offset() > at) {
                    state.skipped(1);
                    return false;
                }
                held.remove(partition);
            }
        }
        if (halted) {
            hold(partitionOf(record), record.offset());
            state.skipped(1);
            return false;
        }
        try {
            if (traced) {
                processTraced(record, handler);
            } else {
                handler.process(record);
            }
        } catch (Exception e) {
            try (RecordLogContext context = RecordLogContext.of(record, state.group())) {
                return failed(record, e);
            }
        } catch (Error e) {
            try (RecordLogContext context = RecordLogContext.of(record, state.group())) {
                halt(record, e);
            }
            return false;
        }
        state.processed();
        if (!failures.isEmpty()) {
            try (RecordLogContext context = RecordLogContext.of(record, state.group())) {
                recovered(partitionOf(record), record.offset());
            }
        }
        return true;
    }

    /** Processes inside the record's {@code process} span, current meanwhile so that sends made there are its children. */
    private void processTraced(ConsumerRecord<byte[], byte[]> record, Handler handler) throws Exception {
        Span span = tracing.startProcess(record, state.group());
        try (Scope scope = span.makeCurrent()) {
            handler.process(record);
        } catch (Exception | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /** @return true while the guard holds {@code partition} back at a record */
    boolean holds(TopicPartition partition) {
        return held.containsKey(partition);
    }

    /** Forgets held partitions that this consumer no longer owns; call on revoke and on loss. */
    public void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            held.remove(partition);
            failures.forget(partition);
            state.resumed(partition);
        }
    }

    private boolean failed(ConsumerRecord<byte[], byte[]> record, Exception e) {
        TopicPartition partition = partitionOf(record);
        int tries = failures.failed(partition, record.offset());
        if (RecordFailures.waitsForDependency(e)) {
            waitFor(partition, record.offset(), tries, RecordFailures.describe(e));
            return false;
        }
        String kind = RecordFailures.decodeKind(e);
        if (kind == null && tries < configuration.maxAttempts()) {
            Duration backoff = configuration.backoff(tries);
            state.retried();
            LOG.warn("{}: processing {} offset {} failed (attempt {} of {}), trying again in {} ms: {}", state.function(),
                partition, record.offset(), tries, configuration.maxAttempts(), backoff.toMillis(), RecordFailures.describe(e));
            holdAndPause(partition, record.offset(), backoff);
            return false;
        }
        return deadLetter(record, partition, tries, kind == null ? PROCESSING_FAILED : kind, e);
    }

    private boolean deadLetter(ConsumerRecord<byte[], byte[]> record, TopicPartition partition, int tries, String kind,
                               Exception cause) {
        RecordMetadata written;
        try {
            written = deadLetters.write(record, state.group(), kind, cause);
        } catch (KafkaException e) {
            waitFor(partition, record.offset(), tries, "cannot write " + kind + " record to "
                + record.topic() + "'s dead-letter topic: " + RecordFailures.describe(e));
            return false;
        }
        failures.forget(partition);
        state.resumed(partition);
        state.deadLettered(kind);
        LOG.warn("{}: dead-lettered {} offset {} ({}) to {} [{}] offset {}: {}", state.function(), partition, record.offset(),
            kind, written.topic(), written.partition(), written.offset(), cause.getMessage());
        return true;
    }

    private void waitFor(TopicPartition partition, long offset, int count, String reason) {
        Duration backoff = configuration.backoff(count);
        state.waiting(partition, reason);
        LOG.warn("{}: holding {} at offset {} for {} ms (wait {}): {}", state.function(), partition, offset,
            backoff.toMillis(), count, reason);
        holdAndPause(partition, offset, backoff);
    }

    private void recovered(TopicPartition partition, long offset) {
        int tries = failures.processed(partition, offset);
        if (tries > 0) {
            state.resumed(partition);
            LOG.info("{}: {} offset {} processed after {} failed attempts", state.function(), partition, offset, tries);
        }
    }

    private void halt(ConsumerRecord<byte[], byte[]> record, Error error) {
        halted = true;
        TopicPartition partition = partitionOf(record);
        String reason = state.function() + " consumer stopped by " + error.getClass().getName() + " (" + error.getMessage()
            + ") on " + partition + " offset " + record.offset() + "; nothing from there on is committed. Restart the "
            + "instance; the group's other members take its partitions meanwhile.";
        if (state.stop(reason)) {
            LOG.error(reason, error);
        }
        hold(partition, record.offset());
        consumer.wakeup();
    }

    /** The consumer is about to be woken and closed (see {@link ErrorSafeConsumer}); nothing of that poll was processed. */
    private void haltInPoll(Error error) {
        halted = true;
        String reason = state.function() + " consumer stopped by " + error.getClass().getName() + " (" + error.getMessage()
            + ") inside poll(); nothing of that poll is committed. Restart the instance; the group's other members take "
            + "its partitions meanwhile.";
        if (state.stop(reason)) {
            LOG.error(reason, error);
        }
    }

    private void holdAndPause(TopicPartition partition, long offset, Duration backoff) {
        hold(partition, offset);
        pauser.pause(consumer, partition, backoff);
    }

    private void hold(TopicPartition partition, long offset) {
        consumer.seek(partition, offset);
        held.put(partition, offset);
    }

    private static TopicPartition partitionOf(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }
}
