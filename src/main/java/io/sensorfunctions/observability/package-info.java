/**
 * What the functions tell operators beyond their own endpoints: the consumer-group lag gauge read from the broker
 * ({@code kafka_consumer_group_lag} at {@code /prometheus}), one INFO summary line per function per interval, the
 * liveness check of the listeners, and the switch to JSON logs ({@code LOG_FORMAT=json}). Per-record counters live
 * with the code that counts them ({@code listener}, {@code sensor}, {@code trigger}); traces in {@code tracing}.
 */
package io.sensorfunctions.observability;
