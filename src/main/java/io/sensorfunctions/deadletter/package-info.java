/**
 * How the reader and alerts functions never commit past a record they did not process:
 * {@link io.sensorfunctions.deadletter.RecordGuard} runs each record, holds a partition back while the registry or
 * the broker fails, retries other failures, and writes what cannot be processed to {@code <topic>.DLT} (bytes as read,
 * with Spring-compatible {@code kafka_dlt-*} headers); an {@code Error} stops the listener and turns {@code /health}
 * DOWN. {@code GET /dlt} browses the dead-letter topics and {@code POST /dlt/replay} writes records back. Its edge:
 * micronaut-kafka's poll loop, which it keeps, and the listeners, which call it.
 */
package io.sensorfunctions.deadletter;
