/**
 * The topics and the cluster: names and layout ({@code topics.*}, one place, and a topic's {@code .DLT}), their
 * creation at startup through micronaut-kafka's {@code KafkaNewTopics} (replicated as the cluster's
 * {@code default.replication.factor} unless {@code topics.replication-factor} says otherwise), the check that a store
 * topic is compacted ({@link io.sensorfunctions.topics.CompactedTopicCheck}), the startup WARN for a topic that exists
 * with fewer replicas or another {@code cleanup.policy} than asked ({@link io.sensorfunctions.topics.TopicLayoutCheck}),
 * the shared AdminClient, and the {@code kafka} part of {@code /health}.
 */
package io.sensorfunctions.topics;
