/**
 * The runtime the reader and alerts functions run under, so that they never commit past a record they did not
 * process: {@link io.sensorfunctions.listener.RecordGuard} runs each polled batch partition by partition, holds a
 * partition back while the registry or the broker fails, retries other failures with backoff
 * ({@code dead-letter.*}), and hands what cannot be processed to a {@link io.sensorfunctions.listener.DeadLetterWriter};
 * an {@code Error} stops the listener. Beside it: each listener's {@link io.sensorfunctions.listener.ListenerState}
 * (counters, held partitions, health), pausing through micronaut-kafka's registry, the raw-record binder, the broker
 * refusal handler and the listeners' health indicator. Its edges: micronaut-kafka's poll loop, which it keeps, the
 * listeners, which call it, and the {@code deadletter} package, which implements the writer and reads the states.
 */
package io.sensorfunctions.listener;
