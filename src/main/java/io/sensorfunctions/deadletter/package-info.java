/**
 * The dead-letter topics and their tools: {@link io.sensorfunctions.deadletter.DeadLetterPublisher} writes a record
 * the listener runtime gave up on to {@code <topic>.DLT} (bytes as read, with Spring-compatible {@code kafka_dlt-*}
 * {@link io.sensorfunctions.deadletter.DeadLetterHeaders}); {@code GET /dlt} browses the dead-letter topics beside the
 * listeners' counts, and {@code POST /dlt/replay} writes records back to their topic. Its edges: the {@code listener}
 * package, whose writer it implements and whose states it shows, and the broker.
 */
package io.sensorfunctions.deadletter;
