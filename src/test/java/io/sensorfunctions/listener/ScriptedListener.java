package io.sensorfunctions.listener;

import io.micronaut.configuration.kafka.ConsumerAware;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.NonNull;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener for the guard's tests, wired exactly as the reader is (raw bytes, {@link RecordGuard}, batch commit):
 * its values are text, and a {@link Script} says which of them throw, how often, which throw an {@link Error}, and
 * which block until the test releases them.
 * Only in test contexts that set {@code scripted.topic}.
 */
@KafkaListener(groupId = "${scripted.group-id}", clientId = "scripted", offsetReset = OffsetReset.EARLIEST, batch = true,
    offsetStrategy = OffsetStrategy.SYNC, properties = @Property(name = ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
    value = "${scripted.value-deserializer:org.apache.kafka.common.serialization.ByteArrayDeserializer}"))
@Requires(property = "scripted.topic")
class ScriptedListener implements ConsumerAware<byte[], byte[]> {

    /**
     * What the listener does with each value, from {@code scripted.failures} ({@code value:times,...}, -1 for ever)
     * and {@code scripted.errors} ({@code value,...}); the test may change it while the listener runs.
     */
    @Singleton
    @Requires(property = "scripted.topic")
    static class Script {
        /** Values processed, in order, with repeats. */
        final List<String> processed = new CopyOnWriteArrayList<>();
        /** Value to the number of times it still throws; a negative count throws for ever. */
        final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        /** Values that throw an Error. */
        final Set<String> errors = ConcurrentHashMap.newKeySet();
        /** Values whose processing waits until {@link #release} opens. */
        final Set<String> blocking = ConcurrentHashMap.newKeySet();
        final CountDownLatch release = new CountDownLatch(1);

        Script(@Value("${scripted.failures:}") String failures, @Value("${scripted.errors:}") String errors,
               @Value("${scripted.blocking:}") String blocking) {
            for (String value : blocking.split(",")) {
                if (!value.isBlank()) {
                    this.blocking.add(value);
                }
            }
            for (String failure : failures.split(",")) {
                if (!failure.isBlank()) {
                    String[] parts = failure.split(":");
                    this.failures.put(parts[0], new AtomicInteger(Integer.parseInt(parts[1])));
                }
            }
            for (String error : errors.split(",")) {
                if (!error.isBlank()) {
                    this.errors.add(error);
                }
            }
        }
    }

    private final Script script;
    private final RecordGuard guard;

    ScriptedListener(Script script, RecordGuards guards, @Value("${scripted.group-id}") String group) {
        this.script = script;
        this.guard = guards.create("scripted", group);
    }

    @Override
    public void setKafkaConsumer(@NonNull Consumer<byte[], byte[]> consumer) {
        guard.attach(consumer);
    }

    @Topic("${scripted.topic}")
    void receive(ConsumerRecords<byte[], byte[]> records) {
        guard.handle(records, r -> {
            String value = new String(r.value(), StandardCharsets.UTF_8);
            if (script.errors.contains(value)) {
                throw new OutOfMemoryError("scripted for " + value);
            }
            if (script.blocking.contains(value) && !script.release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("scripted block of " + value + " was never released");
            }
            AtomicInteger left = script.failures.get(value);
            if (left != null && left.getAndDecrement() != 0) {
                throw new IllegalStateException("scripted failure of " + value);
            }
            script.processed.add(value);
        });
    }
}
