/**
 * The runtime the reader and alerts functions run under, so that they never commit past a record they did not
 * process: {@link io.sensorfunctions.listener.RecordGuard} runs each polled batch partition by partition, holds a
 * partition back while the registry or the broker fails, retries other failures with backoff
 * ({@code dead-letter.max-attempts}, {@code dead-letter.*-backoff}), and dead-letters what cannot be processed through
 * the {@code deadletter} package's publisher; an {@code Error} stops the listener. What a poison record is, it
 * declares ({@link io.sensorfunctions.listener.DecodeFailure}); a serde's exception says it. For exactly-once
 * processing, {@link io.sensorfunctions.listener.TransactionalBatches} runs each batch, the guard's dead letters
 * included, in one Kafka transaction with the batch's offsets (KIP-447). Beside it: each
 * listener's {@link io.sensorfunctions.listener.ListenerState} (counters, held partitions), pausing through
 * micronaut-kafka's registry, the broker refusal handler, and the listeners' health: readiness
 * ({@code listeners}, DOWN while one waits or stalls past {@code listeners.stall-timeout}) and liveness
 * ({@code listeners-alive}, DOWN once a consumer stopped). Its edges: micronaut-kafka's poll loop, which it keeps, the
 * listeners, which call it, and {@code deadletter}, whose publisher it writes through and whose {@code GET /dlt} shows
 * its counts.
 */
package io.sensorfunctions.listener;
