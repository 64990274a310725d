package io.sensorfunctions.listener;

import io.micronaut.configuration.kafka.config.DefaultKafkaListenerExceptionHandlerConfiguration;
import io.micronaut.configuration.kafka.exceptions.DefaultKafkaListenerExceptionHandler;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * micronaut-kafka's listener exception handling, plus what it lacks for a broker that refuses a consumer for a
 * missing ACL ({@code GroupAuthorizationException}, {@code TopicAuthorizationException}): every poll then throws at
 * once, and the default handler logs a stack trace per poll, in a tight loop, while {@code /health} stays UP. Here
 * the refusal is logged once per distinct reason, shows in {@code /health} under {@code listeners} as
 * {@code refused}, and the poll is retried every {@link #RETRY}, so that granting the ACL recovers without a
 * restart. Nothing is consumed while refused, so nothing is committed or skipped.
 */
@Singleton
@Primary
@Replaces(DefaultKafkaListenerExceptionHandler.class)
class BrokerRefusalHandler extends DefaultKafkaListenerExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerRefusalHandler.class);
    static final Duration RETRY = Duration.ofSeconds(1);

    private final ListenerStates states;
    private final Map<String, String> lastLogged = new ConcurrentHashMap<>();

    BrokerRefusalHandler(DefaultKafkaListenerExceptionHandlerConfiguration configuration, ListenerStates states) {
        super(configuration);
        this.states = states;
    }

    @Override
    public void handle(KafkaListenerException exception) {
        if (!(exception.getCause() instanceof AuthorizationException refused)) {
            super.handle(exception);
            return;
        }
        String group = exception.getKafkaConsumer().groupMetadata().groupId();
        String reason = refused.getClass().getSimpleName() + ": " + refused.getMessage()
            + " (consumer group '" + group + "' needs READ on its topics and on the group; see docs/security.md)";
        ListenerState state = states.byGroup(group);
        boolean changed = state == null ? !reason.equals(lastLogged.put(group, reason)) : state.refused(reason);
        if (changed) {
            LOG.error("The broker refused consumer group {}, retrying every {} s: {}", group, RETRY.toSeconds(), reason);
        }
        // The consumer throws again at once while the ACL is missing; this is the poll thread's only backoff.
        LockSupport.parkNanos(RETRY.toNanos());
    }
}
