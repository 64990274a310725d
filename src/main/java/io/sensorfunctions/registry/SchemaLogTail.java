package io.sensorfunctions.registry;

import io.micronaut.configuration.kafka.admin.KafkaNewTopics;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.json.JsonMapper;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.kafka.Failures;
import io.sensorfunctions.topics.CompactedTopicCheck;
import io.sensorfunctions.topics.TopicsConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps a {@link SchemaStore} in step with the single-partition compacted {@code _schemas} topic: one thread reads the
 * topic for the instance's life (with {@code isolation.level=read_committed}, so only committed registrations count)
 * and applies each record in order. The rest of the registry sees the store only through {@link #view()}, which
 * cannot change it; {@link SchemaLogWriter} appends, then waits here until its records are applied.
 *
 * <p>At startup ({@link #start()}, once the bean is built) it waits for the topic and refuses one whose
 * {@code cleanup.policy} would let retention drop schemas; either failure stops the instance, naming the topic.
 */
@Context
@RequiresFunction(EventFunction.REGISTRY)
class SchemaLogTail {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaLogTail.class);
    private static final Duration READER_RETRY = Duration.ofSeconds(1);

    private final SchemaStore store = new SchemaStore();
    private final TopicPartition partition;
    private final Properties kafka;
    private final Duration timeout;
    private final AdminClient admin;
    private final KafkaNewTopics newTopics;
    private final JsonMapper json;
    private KafkaConsumer<String, String> consumer;
    private Thread readerThread;
    private final Object positionLock = new Object();
    private long position = -1;
    private volatile RuntimeException readerFailure;

    SchemaLogTail(TopicsConfiguration topics, RegistryConfiguration registry, KafkaDefaultConfiguration kafkaConfiguration,
                  AdminClient admin, KafkaNewTopics newTopics, JsonMapper json) {
        this.partition = new TopicPartition(topics.schemas(), 0);
        this.kafka = kafkaConfiguration.getConfig();
        this.timeout = registry.timeout();
        this.admin = admin;
        this.newTopics = newTopics;
        this.json = json;
    }

    /**
     * Waits for the store topic, checks that it is compacted, then starts the reader thread.
     *
     * @throws IllegalStateException  naming the topic when it is not created within {@code registry.timeout}
     * @throws ConfigurationException naming the topic when its {@code cleanup.policy} is not {@code compact}
     */
    @PostConstruct
    void start() {
        CompactedTopicCheck storeTopic = new CompactedTopicCheck(admin, timeout);
        storeTopic.awaitCreated(newTopics, partition.topic(), kafka.get("bootstrap.servers"));
        storeTopic.requireCompacted(partition.topic(), "topics.schemas");
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-store");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        this.consumer.assign(List.of(partition));
        this.consumer.seekToBeginning(List.of(partition));
        this.readerThread = new Thread(this::readLoop, "schema-registry-store-reader");
        this.readerThread.setDaemon(true);
        this.readerThread.start();
    }

    /**
     * The store as this instance has read it, served from memory without asking the broker, so reads go on while the
     * broker is away. A write on this instance is in it once the write returns; one on another instance arrives
     * within the reader's next poll.
     */
    SchemaStoreView view() {
        return store;
    }

    /** @return the store topic and its single partition */
    TopicPartition partition() {
        return partition;
    }

    /** @return why the store's reader is failing now, or null while it reads */
    String readerFailure() {
        RuntimeException failure = readerFailure;
        return failure == null ? null : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    /** @return the next offset of the store topic this instance will read */
    long position() {
        synchronized (positionLock) {
            return position;
        }
    }

    /**
     * Blocks until the store has applied every record that is committed now: the log's last stable offset.
     *
     * @throws RegistryException 50002 when the end cannot be read, or the reader does not reach it within
     *                           {@code registry.timeout}
     */
    void awaitCaughtUp() {
        awaitApplied(lastStableOffset());
    }

    private long lastStableOffset() {
        try {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .partitionResult(partition).get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (ExecutionException | TimeoutException e) {
            throw RegistryException.storeUnavailable("cannot read the end of " + partition.topic() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeUnavailable("interrupted");
        }
    }

    /**
     * Blocks until the store has applied every record before {@code offset}.
     *
     * @throws RegistryException 50002 when the reader fails or does not get there within {@code registry.timeout}
     */
    void awaitApplied(long offset) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (positionLock) {
            while (position < offset) {
                if (readerFailure != null) {
                    throw RegistryException.storeUnavailable("reading " + partition.topic() + " failed: " + readerFailure.getMessage());
                }
                long waitMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (waitMs <= 0) {
                    throw RegistryException.storeUnavailable("the store did not reach offset " + offset + " of "
                        + partition.topic() + " within " + timeout + " (at " + position + ")");
                }
                try {
                    positionLock.wait(waitMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw RegistryException.storeUnavailable("interrupted");
                }
            }
        }
    }

    /**
     * Reads the store topic for the instance's life. A failure (the broker away, an authorization error) is logged
     * once, shown by the registry's health, and retried every {@link #READER_RETRY}; the loop ends only on close.
     */
    private void readLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        apply(record);
                    }
                    long next = consumer.position(partition, timeout);
                    synchronized (positionLock) {
                        position = next;
                        positionLock.notifyAll();
                    }
                    if (readerFailure != null) {
                        LOG.info("Schema store reader on {} reads again at offset {}", partition.topic(), next);
                        readerFailure = null;
                    }
                } catch (WakeupException | InterruptException e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (readerFailure == null) {
                        LOG.warn("Schema store reader on {} failed, retrying every {} ms: {}", partition.topic(),
                            READER_RETRY.toMillis(), Failures.rootMessage(e));
                    }
                    readerFailure = e;
                    synchronized (positionLock) {
                        positionLock.notifyAll();
                    }
                    Thread.sleep(READER_RETRY.toMillis());
                }
            }
        } catch (WakeupException | InterruptException | InterruptedException e) {
            LOG.debug("Schema store reader stopped");
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        try {
            SchemaRecords.Key key = json.readValue(record.key(), SchemaRecords.Key.class);
            switch (key.keytype()) {
                case SchemaRecords.SCHEMA -> {
                    if (record.value() == null) {
                        store.remove(key.subject(), key.version());
                    } else {
                        store.apply(json.readValue(record.value(), SchemaStoreView.Entry.class));
                    }
                }
                case SchemaRecords.CONFIG -> store.configure(key.subject(), record.value() == null ? null
                    : CompatibilityLevel.parse(json.readValue(record.value(), SchemaRecords.ConfigValue.class).compatibilityLevel()));
                case SchemaRecords.MAX_ID -> {
                    if (record.value() != null) {
                        store.raiseMaxId(json.readValue(record.value(), SchemaRecords.MaxIdValue.class).maxId());
                    }
                }
                default -> LOG.debug("Ignoring {} record at offset {} of {}", key.keytype(), record.offset(), partition.topic());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Skipping unreadable record at offset {} of {}: {}", record.offset(), partition.topic(), e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        if (readerThread == null) {
            return;
        }
        consumer.wakeup();
        try {
            readerThread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
