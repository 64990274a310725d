/**
 * Dead letters, in one place: the policy ({@code dead-letter.*}: tries and backoff before a record is given up on, how
 * many {@code GET /dlt} shows), {@link io.sensorfunctions.deadletter.DeadLetterPublisher}, which writes a record the
 * listener runtime gave up on to {@code <topic>.DLT} (bytes as read, with Spring-compatible {@code kafka_dlt-*}
 * {@link io.sensorfunctions.deadletter.DeadLetterHeaders}), and the tools: {@code GET /dlt} browses the dead-letter
 * topics beside the listeners' counts, and {@code POST /dlt/replay} writes records back to their topic. Its edges: the
 * broker, the {@code listener} runtime, which writes through the publisher and shows its counts here through
 * {@link io.sensorfunctions.deadletter.DeadLetterSources}, and {@code http}'s error shape.
 */
package io.sensorfunctions.deadletter;
