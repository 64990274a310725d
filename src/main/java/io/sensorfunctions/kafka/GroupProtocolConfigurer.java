package io.sensorfunctions.kafka;

import io.micronaut.configuration.kafka.config.AbstractKafkaConsumerConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Lets one switch, {@code group.protocol}, choose between the classic rebalance protocol and KIP-848's
 * {@code consumer} protocol. The defaults in {@code application.yml} tune the classic protocol (cooperative-sticky
 * assignor, heartbeat and session timeouts); Kafka's consumer refuses those keys under {@code consumer}, where the
 * broker assigns and times members, so they are dropped there, with a log line naming them.
 */
@Singleton
class GroupProtocolConfigurer implements BeanCreatedEventListener<AbstractKafkaConsumerConfiguration<?, ?>>, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(GroupProtocolConfigurer.class);
    /** Keys the KIP-848 consumer rejects (Kafka's ConsumerConfig validation). */
    static final List<String> CLASSIC_ONLY = List.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);

    @Override
    public AbstractKafkaConsumerConfiguration<?, ?> onCreated(BeanCreatedEvent<AbstractKafkaConsumerConfiguration<?, ?>> event) {
        apply(event.getBean().getConfig());
        return event.getBean();
    }

    /** Drops the classic-only keys from {@code config} when its {@code group.protocol} is {@code consumer}. */
    static void apply(Properties config) {
        Object protocol = config.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        if (protocol != null && GroupProtocol.CONSUMER.name().equalsIgnoreCase(protocol.toString().trim())) {
            config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, GroupProtocol.CONSUMER.name().toLowerCase(Locale.ROOT));
            List<String> dropped = CLASSIC_ONLY.stream().filter(key -> config.remove(key) != null).toList();
            if (!dropped.isEmpty()) {
                LOG.info("group.protocol=consumer: the broker assigns partitions and times members, so {} are not used", dropped);
            }
        }
    }

    /** After {@link ClientEnvironmentConfigurer}, which adds what environment variables set. */
    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }
}
