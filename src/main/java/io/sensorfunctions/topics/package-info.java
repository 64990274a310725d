/**
 * The topics and the cluster: names and layout ({@code topics.*}, one place, and a topic's {@code .DLT}), their
 * creation at startup through micronaut-kafka's {@code KafkaNewTopics}, the check that a store topic is compacted
 * ({@link io.sensorfunctions.topics.CompactedTopicCheck}), the shared AdminClient, and the {@code kafka} part of
 * {@code /health}.
 */
package io.sensorfunctions.topics;
