package io.sensorfunctions.listener;

import io.sensorfunctions.kafka.Failures;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnTimeoutException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

import java.util.HashMap;
import java.util.Map;

/**
 * The failures of the records a {@link RecordGuard} holds its partitions at: how many tries each has had, and what a
 * failure means for its record, by the rules {@link RecordGuard} lists (wait for a dependency, dead-letter at once, or
 * retry); and what a failed transaction means for {@link TransactionalBatches} (fenced, or the producer
 * unusable). Used only on the listener's poll thread, as its guard is.
 */
final class RecordFailures {

    /** The failed tries of the record a partition is held at. */
    private static final class Tries {
        private final long offset;
        private int count;

        Tries(long offset) {
            this.offset = offset;
        }
    }

    private final Map<TopicPartition, Tries> byPartition = new HashMap<>();

    /**
     * Counts a failed try of the record at {@code offset}; a partition's count starts again at another offset.
     *
     * @return the record's failed tries, this one included (1 after its first failure)
     */
    int failed(TopicPartition partition, long offset) {
        Tries tries = byPartition.get(partition);
        if (tries == null || tries.offset != offset) {
            tries = new Tries(offset);
            byPartition.put(partition, tries);
        }
        return ++tries.count;
    }

    /** @return the failed tries the record at {@code offset} had before it was processed now, or 0 when it had none */
    int processed(TopicPartition partition, long offset) {
        Tries tries = byPartition.remove(partition);
        return tries != null && tries.offset == offset ? tries.count : 0;
    }

    /** Forgets the partition's count: its record was dead-lettered, or the partition left this consumer. */
    void forget(TopicPartition partition) {
        byPartition.remove(partition);
    }

    /** @return true while no partition has a failed record, the case of every record in a healthy run */
    boolean isEmpty() {
        return byPartition.isEmpty();
    }

    /**
     * @return true when the failure is the schema registry's or the broker's, not the record's: a
     *         {@link DecodeFailure} whose dependency failed, Kafka's {@link RetriableException}, or a missing ACL
     *         ({@link AuthorizationException}), the first of them in the cause chain
     */
    static boolean waitsForDependency(Throwable e) {
        // A missing ACL is the deployment's to fix, as an outage is; the record is not at fault.
        Throwable cause = Failures.cause(e, c -> c instanceof DecodeFailure || c instanceof RetriableException
            || c instanceof AuthorizationException);
        return cause instanceof DecodeFailure decode ? decode.dependencyFailed()
            : cause instanceof RetriableException || cause instanceof AuthorizationException;
    }

    /**
     * @return the dead-letter kind of a record whose bytes cannot decode (the {@link DecodeFailure}'s kind, e.g.
     *         {@code wrong-magic-byte}), or null when processing failed otherwise
     */
    static String decodeKind(Exception e) {
        return e instanceof DecodeFailure decode ? decode.kind() : null;
    }

    /** @return the innermost cause, or the decode failure when there is one, as {@code SimpleName: message} */
    static String describe(Throwable e) {
        return Failures.describe(Failures.cause(e, cause -> cause instanceof DecodeFailure));
    }

    /**
     * @return true when the broker fenced the transaction: the consumer's generation is over (KIP-447), or another
     *         producer took the {@code transactional.id}, or the coordinator aborted the transaction as timed out
     */
    static boolean fenced(Throwable e) {
        return Failures.has(e, c -> c instanceof ProducerFencedException || c instanceof InvalidProducerEpochException
            || c instanceof CommitFailedException || c instanceof FencedInstanceIdException
            || c instanceof IllegalGenerationException || c instanceof UnknownMemberIdException);
    }

    /**
     * @return true when the producer cannot go on and must be closed: fenced, out of sequence, refused
     *         (KafkaProducer's javadoc lists these), or a failure that was not Kafka's
     */
    static boolean unrecoverable(Throwable e) {
        return !(e instanceof KafkaException) || Failures.has(e, c -> c instanceof ProducerFencedException
            || c instanceof InvalidProducerEpochException || c instanceof OutOfOrderSequenceException
            || c instanceof UnsupportedVersionException || c instanceof AuthorizationException
            || c instanceof InvalidTxnTimeoutException);
    }
}
