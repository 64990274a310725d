package io.sensorfunctions.registry;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.json.JsonMapper;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.kafka.Failures;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Appends registrations to {@code _schemas}, deciding each on the store as {@link SchemaLogTail} has read it.
 *
 * <p><b>Why ids agree across instances.</b> Every registry instance writes through a transactional producer with the
 * same {@code transactional.id}. Initialising it fences (aborts or waits out) any other instance's transaction, so
 * a write that commits was decided on a store read to the log's last stable offset after the writer's own
 * initialisation, and no other writer can have committed in between: check-then-append is atomic across instances.
 * An instance that was fenced re-initialises, re-reads and decides again. Ids therefore follow the order of the
 * single partition, one schema never gets two ids in a subject, and one id never names two schemas. Records are
 * never rewritten under the same key, so compaction cannot reorder what decides an id.
 *
 * <p>Hand-written because the reachable Kafka-backed caches (e.g. KCache) would still need this writer protocol on
 * top, and the Confluent registry that has it is not on Maven Central.
 */
@Singleton
@RequiresFunction(EventFunction.REGISTRY)
class SchemaLogWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaLogWriter.class);
    private static final int MAX_WRITE_ATTEMPTS = 10;
    private static final long BACKOFF_MS = 20;

    private final SchemaLogTail tail;
    private final TopicPartition partition;
    private final Properties kafka;
    private final String transactionalId;
    private final Duration timeout;
    private final JsonMapper json;
    private KafkaProducer<String, String> producer;

    SchemaLogWriter(SchemaLogTail tail, RegistryConfiguration registry, KafkaDefaultConfiguration kafkaConfiguration, JsonMapper json) {
        this.tail = tail;
        this.partition = tail.partition();
        this.kafka = kafkaConfiguration.getConfig();
        this.transactionalId = registry.transactionalId();
        this.timeout = registry.timeout();
        this.json = json;
    }

    /**
     * Decides a write on the caught-up store; may run more than once (after a fence), so it must only read.
     *
     * @param <T> the answer's type
     */
    @FunctionalInterface
    interface Decider<T> {
        Decision<T> decide(SchemaStoreView store);
    }

    /**
     * What a write decided on the caught-up store: the records to append (none when nothing changes) and the answer.
     *
     * @param <T> the answer's type
     */
    record Decision<T>(List<SchemaRecords.Append> appends, T result) {
        static <T> Decision<T> unchanged(T result) {
            return new Decision<>(List.of(), result);
        }
    }

    /**
     * Decides and appends atomically across instances: {@code decide} runs on the store caught up to the log's end
     * while this instance holds the transactional writer, so no other instance can commit between the decision and
     * the append.
     *
     * @return the decision's result, once its records are applied to this instance's store
     * @throws RegistryException what {@code decide} throws (e.g. 409), or 50002 when the log cannot be read or
     *                           written within {@code registry.timeout}
     */
    synchronized <T> T write(Decider<T> decide) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 1; ; attempt++) {
            boolean inTransaction = false;
            try {
                KafkaProducer<String, String> writer = producer();
                writer.beginTransaction();
                inTransaction = true;
                tail.awaitCaughtUp();
                Decision<T> decision;
                try {
                    decision = decide.decide(tail.view());
                } catch (RuntimeException e) {
                    // A refusal (e.g. 409): the transaction is cleanly ended, so the writer stays usable.
                    writer.abortTransaction();
                    inTransaction = false;
                    throw e;
                }
                if (decision.appends().isEmpty()) {
                    writer.abortTransaction();
                    return decision.result();
                }
                long last = -1;
                for (SchemaRecords.Append append : decision.appends()) {
                    last = writer.send(new ProducerRecord<>(partition.topic(), partition.partition(), write(append.key()),
                            append.value() == null ? null : write(append.value())))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
                }
                writer.commitTransaction();
                tail.awaitApplied(last + 1);
                return decision.result();
            } catch (ExecutionException | TimeoutException | KafkaException e) {
                // Fenced by another instance, or a commit whose outcome is unknown: either way, re-initialising
                // fences the others and the re-read finds a write that did land, so a retry is always safe.
                closeProducer();
                if (Failures.rootCause(e) instanceof RecordTooLargeException tooLarge) {
                    throw RegistryException.invalidSchema("the schema is larger than the store topic " + partition.topic()
                        + " takes (the producer's max.request.size or the topic's max.message.bytes): " + tooLarge.getMessage());
                }
                if (attempt >= MAX_WRITE_ATTEMPTS || System.nanoTime() > deadline) {
                    throw RegistryException.storeUnavailable("writing " + partition.topic() + " failed " + attempt
                        + " times, last: " + Failures.rootMessage(e));
                }
                LOG.debug("Registry write attempt {} failed ({}); retrying", attempt, Failures.rootMessage(e));
                backOff(attempt);
            } catch (RuntimeException e) {
                // Anything that leaves a transaction open (e.g. the store not catching up) discards the writer.
                if (inTransaction) {
                    closeProducer();
                }
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RegistryException.storeUnavailable("interrupted");
            }
        }
    }

    /** Random, growing pause so that two instances contending for the writer do not fence each other forever. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(BACKOFF_MS * attempt, 2 * BACKOFF_MS * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeUnavailable("interrupted");
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.putAll(kafka);
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
            producer.initTransactions();
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + value, e);
        }
    }

    @PreDestroy
    synchronized void close() {
        closeProducer();
    }
}
