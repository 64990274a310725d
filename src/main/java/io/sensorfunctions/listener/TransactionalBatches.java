package io.sensorfunctions.listener;

import io.sensorfunctions.deadletter.DeadLetterConfiguration;
import io.sensorfunctions.kafka.Failures;
import io.sensorfunctions.tracing.KafkaTracing;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Runs each batch a listener polls in one Kafka transaction, the read-process-write loop of KIP-98 with the
 * consumer's own group metadata, so that an instance whose partitions moved on cannot commit (KIP-447). Per batch:
 * <ol>
 *   <li>{@code beginTransaction};</li>
 *   <li>the records, through the listener's {@link RecordGuard}: what the listener writes goes through
 *       {@link #producer()}, and so do the guard's dead letters;</li>
 *   <li>the {@link Participant}'s own writes, e.g. the changelog of its state;</li>
 *   <li>{@code sendOffsetsToTransaction} of each partition's position (its first record not done with) with
 *       {@code consumer.groupMetadata()};</li>
 *   <li>{@code commitTransaction}.</li>
 * </ol>
 * So a batch's output, its dead letters and its offsets become visible to {@code read_committed} readers together, or
 * not at all. On any failure the transaction is aborted, each partition of the batch is rewound to the batch's first
 * record, the participant rolls its state back, and the partitions wait a backoff ({@code dead-letter.*-backoff})
 * before they are read again. A producer that cannot go on (fenced, or refused by the broker) is closed; the next
 * batch makes a new one with the same {@code transactional.id}, whose {@code initTransactions} aborts whatever the old
 * one left open.
 *
 * <p>Why not micronaut-kafka 5.9's {@code OffsetStrategy.SEND_TO_TRANSACTION}: it commits a whole polled batch's
 * offsets in the first record's transaction, passes {@code new ConsumerGroupMetadata(groupId)} instead of the
 * consumer's, so zombies are not fenced, and caches producers without regard to their {@code transactional.id}. This
 * class keeps micronaut-kafka's poll loop ({@code OffsetStrategy.DISABLED}) and does the rest. One per listener, used
 * on its poll thread only.
 */
public final class TransactionalBatches implements AutoCloseable {

    /** The listener's own part in each batch's transaction, besides its records. */
    public interface Participant {

        /**
         * Writes, through {@code producer} and inside the open transaction, what the batch changed besides its
         * records' output, e.g. a changelog of the listener's state.
         *
         * @throws KafkaException when a write fails; the transaction is then aborted
         */
        void beforeCommit(Producer<byte[], byte[]> producer);

        /** The batch's transaction committed: what it wrote is visible to {@code read_committed} readers. */
        void committed();

        /** The batch's transaction was aborted: nothing it wrote is visible, and its records come again. */
        void aborted();
    }

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalBatches.class);

    private final RecordGuard guard;
    private final ListenerState state;
    private final DeadLetterConfiguration backoff;
    private final PartitionPauser pauser;
    private final KafkaTracing tracing;
    private final Map<String, Object> producerConfig;
    private final String transactionalId;
    private final Set<TopicPartition> waiting = new HashSet<>();
    private Consumer<?, ?> consumer;
    private volatile Producer<byte[], byte[]> producer;
    private int failedInARow;
    private int producersMade;

    TransactionalBatches(RecordGuard guard, DeadLetterConfiguration backoff, PartitionPauser pauser, KafkaTracing tracing,
                         Map<String, Object> producerConfig, String transactionalId) {
        this.guard = guard;
        this.tracing = tracing;
        this.state = guard.state();
        this.backoff = backoff;
        this.pauser = pauser;
        this.transactionalId = transactionalId;
        this.producerConfig = new HashMap<>(producerConfig);
        this.producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        this.producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        state.transactional();
    }

    /** As {@link RecordGuard#attach}; call from {@code ConsumerAware.setKafkaConsumer}, before it polls. */
    public void attach(Consumer<?, ?> consumer) {
        this.consumer = consumer;
        guard.attach(consumer);
    }

    /** @return the listener's state, for its own logs */
    public ListenerState state() {
        return state;
    }

    /** @return this instance's {@code transactional.id} */
    public String transactionalId() {
        return transactionalId;
    }

    /**
     * Makes the transactional producer and registers its {@code transactional.id} with the broker
     * ({@code initTransactions}), so that a refusal shows at startup rather than at the first batch.
     *
     * @throws KafkaException what {@code initTransactions} threw: {@code TransactionalIdAuthorizationException} for a
     *                        missing ACL, {@code InvalidTxnTimeoutException} when {@code transaction.timeout.ms} is above
     *                        the broker's {@code transaction.max.timeout.ms}, {@code TimeoutException} when no broker
     *                        answered within {@code max.block.ms}; the producer is closed and made again by the next batch
     */
    public void initialize() {
        openProducer();
    }

    /**
     * @return the producer of the open transaction, for the listener's writes while it processes a batch
     * @throws IllegalStateException outside {@link #handle}
     */
    public Producer<byte[], byte[]> producer() {
        if (producer == null) {
            throw new IllegalStateException("no transaction is open");
        }
        return producer;
    }

    /**
     * Processes one poll's records in one transaction, as the class says; never throws.
     *
     * @param records     one poll's records
     * @param handler     the listener's per-record work, run by its {@link RecordGuard}
     * @param participant the listener's own writes and state, told how the transaction ended
     */
    public void handle(ConsumerRecords<byte[], byte[]> records, RecordGuard.Handler handler, Participant participant) {
        if (records.isEmpty()) {
            return;
        }
        Producer<byte[], byte[]> transaction;
        try {
            transaction = openProducer();
            transaction.beginTransaction();
        } catch (RuntimeException e) {
            failed(records, participant, e, false);
            return;
        }
        guard.handle(records, handler);
        try {
            participant.beforeCommit(transaction);
            transaction.sendOffsetsToTransaction(positions(records), consumer.groupMetadata());
            commit(transaction);
        } catch (RuntimeException e) {
            failed(records, participant, e, true);
            return;
        }
        state.committed();
        participant.committed();
        if (failedInARow > 0) {
            LOG.info("{}: transactions commit again after {} aborted", state.function(), failedInARow);
            failedInARow = 0;
        }
        if (!waiting.isEmpty()) {
            waiting.removeIf(partition -> {
                if (!guard.holds(partition)) {
                    state.resumed(partition);
                }
                return true;
            });
        }
    }

    /** Forgets partitions this consumer no longer owns; call on revoke and on loss, as {@link RecordGuard#forget}. */
    public void forget(Collection<TopicPartition> partitions) {
        guard.forget(partitions);
        waiting.removeAll(partitions);
    }

    /**
     * Commits, asking again while the answer does not come within {@code max.block.ms}: a commit that timed out may
     * still complete on the broker, so aborting and reading the batch again could write it twice. Kafka's producer
     * lets a timed-out {@code commitTransaction} be called again; it then waits for the same outcome.
     */
    private void commit(Producer<byte[], byte[]> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.commitTransaction();
                return;
            } catch (TimeoutException e) {
                LOG.warn("{}: no answer to the commit of the batch's transaction yet (attempt {}), asking again: {}",
                    state.function(), attempt, e.getMessage());
            }
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> positions(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            offsets.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        return offsets;
    }

    private void failed(ConsumerRecords<byte[], byte[]> records, Participant participant, RuntimeException e, boolean began) {
        boolean fenced = RecordFailures.fenced(e);
        if (began && !RecordFailures.unrecoverable(e)) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
                closeProducer();
            }
        }
        if (RecordFailures.unrecoverable(e)) {
            closeProducer();
        }
        participant.aborted();
        if (began) {
            state.aborted(fenced);
        }
        // Nothing of the batch counts: every partition starts again at the batch's first record.
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
        guard.forget(records.partitions());
        String reason = Failures.rootMessage(e);
        if (fenced) {
            // Once per fence: the partitions are going to their new owner, and the next poll rejoins the group.
            LOG.warn("{}: fenced, transaction aborted, nothing of this batch committed ({}). The group's generation "
                + "moved on (a rebalance, or this member was away past its session timeout: KIP-447), or another "
                + "producer took transactional.id {}. The batch's records are read again by their partitions' owner.",
                state.function(), reason, transactionalId);
            return;
        }
        failedInARow++;
        Duration wait = backoff.backoff(failedInARow);
        LOG.warn("{}: transaction aborted (failure {} in a row), reading {} again in {} ms: {}", state.function(),
            failedInARow, records.partitions(), wait.toMillis(), reason);
        for (TopicPartition partition : records.partitions()) {
            state.waiting(partition, "transaction aborted: " + reason);
            waiting.add(partition);
            pauser.pause(consumer, partition, wait);
        }
    }

    private Producer<byte[], byte[]> openProducer() {
        if (producer == null) {
            // A client.id of its own per producer made: the metrics of a closed one are not yet gone when the next
            // one registers its own under the same id.
            producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId + "-" + ++producersMade);
            KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
            try {
                created.initTransactions();
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = tracing.wrap(created);
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /**
     * Closes the producer at once, from any thread; an open transaction is aborted by the broker after
     * {@code transaction.timeout.ms}. The poll thread finds it closed and aborts its batch.
     */
    @Override
    public void close() {
        Producer<byte[], byte[]> current = producer;
        if (current != null) {
            current.close(Duration.ZERO);
        }
    }
}
