package io.sensorfunctions.topics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import java.util.Optional;

/**
 * Topic names and layout ({@code topics.*}). The application creates missing topics at startup with these settings.
 *
 * @param readings           name of the readings topic
 * @param readingsPartitions partitions of the readings topic (and of its dead-letter topic); caps how many readers of one
 *                           group have work
 * @param alerts             name of the alerts topic
 * @param alertsPartitions   partitions of the alerts topic. Independent of the readings': the alerts function reads
 *                           the readings topic, so its parallelism follows that topic, and only the dashboard reads
 *                           this one; alerts are keyed by sensor id, so each sensor's alerts stay in order
 * @param alertsChangelog    name of the alerts function's compacted changelog (exactly-once processing): each sensor's last
 *                           value, partitioned as the readings topic; Kafka Streams' {@code <application.id>-<store>-changelog}
 *                           naming, by default {@code <alerts.group-id>-detector-changelog}
 * @param schemas            name of the schema registry's single-partition compacted store (Confluent's {@code kafkastore.topic})
 * @param replicationFactor  replication factor of every topic we create; -1 (the default) leaves it to the cluster's
 *                           {@code default.replication.factor} (KIP-464), as managed clusters set it (3 on Aiven,
 *                           Confluent Cloud and MSK); an existing topic is not changed, only reported at startup
 *                           ({@link TopicLayoutCheck})
 */
// Created at startup, so that an invalid value stops the instance there, naming the setting.
@Context
@ConfigurationProperties("topics")
public record TopicsConfiguration(
    @NotBlank String readings,
    @Min(1) int readingsPartitions,
    @NotBlank String alerts,
    @Min(1) int alertsPartitions,
    @NotBlank String alertsChangelog,
    @NotBlank String schemas,
    @Min(-1) short replicationFactor) {

    /** Kafka's "use the broker's {@code default.replication.factor}" (KIP-464). */
    static final short CLUSTER_DEFAULT = -1;

    /** @throws ConfigurationException for a replication factor of 0, which no cluster takes */
    public TopicsConfiguration {
        if (replicationFactor == 0) {
            throw new ConfigurationException("topics.replication-factor (TOPICS_REPLICATION_FACTOR) is 0; set -1 to follow the "
                + "cluster's default.replication.factor, or a number of replicas from 1 up to the number of brokers");
        }
    }

    /** @return the replication factor a topic is created with; empty for the cluster's default */
    Optional<Short> replication() {
        return replicationFactor == CLUSTER_DEFAULT ? Optional.empty() : Optional.of(replicationFactor);
    }
}
