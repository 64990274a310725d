package io.sensorfunctions.topics;

import io.micronaut.context.event.BeanPreDestroyEvent;
import io.micronaut.context.event.BeanPreDestroyEventListener;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.AdminClient;

import java.time.Duration;

/**
 * Bounds the shared AdminClient's close. micronaut-kafka closes it with {@code close()}, which waits for calls still
 * pending, such as the startup's topic creation against a broker that never answered, up to
 * {@code default.api.timeout.ms} (60 s): a stop took a minute whenever Kafka was unreachable. Closing it first with
 * {@link #CLOSE_TIMEOUT} fails those calls instead; micronaut-kafka's own close then finds it closed.
 */
@Singleton
class AdminClientShutdown implements BeanPreDestroyEventListener<AdminClient> {

    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    @Override
    public AdminClient onPreDestroy(BeanPreDestroyEvent<AdminClient> event) {
        event.getBean().close(CLOSE_TIMEOUT);
        return event.getBean();
    }
}
