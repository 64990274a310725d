/**
 * The topics and the cluster: names and layout ({@code topics.*}, one place), their creation at startup through
 * micronaut-kafka's {@code KafkaNewTopics}, the shared AdminClient, and the {@code kafka} part of {@code /health}.
 */
package io.sensorfunctions.topics;
