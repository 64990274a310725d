package io.sensorfunctions.topics;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import jakarta.inject.Named;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.Map;
import java.util.Optional;

/** Declares the topics; micronaut-kafka's {@code KafkaNewTopics} creates the missing ones at startup via AdminClient. */
@Factory
class TopicFactory {

    @Bean
    @Named("readings")
    NewTopic readingsTopic(TopicsConfiguration topics) {
        return topic(topics.readings(), topics.readingsPartitions(), topics);
    }

    /** Declared by every instance, like the readings topic: the dashboard reads it even where no alerts function runs. */
    @Bean
    @Named("alerts")
    NewTopic alertsTopic(TopicsConfiguration topics) {
        return topic(topics.alerts(), topics.alertsPartitions(), topics);
    }

    /**
     * Where the reader and alerts functions set aside readings they cannot process, one topic for both: each record's
     * {@code kafka_dlt-original-consumer-group} header says which group gave up on it.
     */
    @Bean
    @Named("readings-dlt")
    NewTopic readingsDeadLetterTopic(TopicsConfiguration topics) {
        return topic(Topics.deadLetterOf(topics.readings()), topics.readingsPartitions(), topics);
    }

    /**
     * The alerts detector's changelog: compacted, since only each sensor's last value counts, and partitioned as the
     * readings topic, since partition {@code p} holds the state of readings partition {@code p}.
     */
    @Bean
    @Named("alerts-changelog")
    @RequiresFunction(EventFunction.ALERTS)
    @Requires(property = "alerts.processing-guarantee", notEquals = "at_least_once")
    NewTopic alertsChangelogTopic(TopicsConfiguration topics) {
        return topic(topics.alertsChangelog(), topics.readingsPartitions(), topics)
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    /** One partition keeps a total order of registrations, which is what makes schema ids agree across instances. */
    @Bean
    @Named("schemas")
    @RequiresFunction(EventFunction.REGISTRY)
    NewTopic schemasTopic(TopicsConfiguration topics) {
        return topic(topics.schemas(), 1, topics)
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    private static NewTopic topic(String name, int partitions, TopicsConfiguration topics) {
        return new NewTopic(name, Optional.of(partitions), topics.replication());
    }
}
