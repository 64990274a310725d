/**
 * What the functions tell operators beyond their own endpoints: the consumer-group lag gauge read from the broker
 * ({@code kafka_consumer_group_lag} at {@code /prometheus}), the Kafka client meters' tags made consistent for
 * Prometheus, one INFO summary line per function per interval, and the switch to JSON logs ({@code LOG_FORMAT=json}).
 * Per-record counters live with the code that counts them ({@code listener}, {@code sensor}, {@code trigger}), and so
 * does the listeners' health; traces in {@code tracing}.
 */
package io.sensorfunctions.observability;
