package io.sensorfunctions.listener;

import io.micronaut.configuration.kafka.ConsumerRegistry;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pauses one partition of a listener's consumer for a while. It goes through micronaut-kafka's
 * {@link ConsumerRegistry}: a direct {@code Consumer.pause} would be undone by micronaut-kafka's poll loop, which
 * resumes after every poll each paused partition it was not asked to pause.
 */
@Singleton
class PartitionPauser {

    private final ConsumerRegistry registry;
    private final TaskScheduler scheduler;
    private final Map<Consumer<?, ?>, String> ids = new ConcurrentHashMap<>();

    PartitionPauser(ConsumerRegistry registry, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.registry = registry;
        this.scheduler = scheduler;
    }

    /** Pauses {@code partition} from the next poll on, and resumes it after {@code duration}. */
    void pause(Consumer<?, ?> consumer, TopicPartition partition, Duration duration) {
        String id = ids.computeIfAbsent(consumer, this::idOf);
        Set<TopicPartition> partitions = Set.of(partition);
        registry.pause(id, partitions);
        scheduler.schedule(duration, () -> {
            if (registry.getConsumerIds().contains(id)) {
                registry.resume(id, partitions);
            }
        });
    }

    private String idOf(Consumer<?, ?> consumer) {
        return registry.getConsumerIds().stream().filter(id -> registry.getConsumer(id) == consumer).findFirst()
            .orElseThrow(() -> new IllegalStateException("consumer is not registered with micronaut-kafka"));
    }
}
