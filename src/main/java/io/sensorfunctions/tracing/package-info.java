/**
 * OpenTelemetry traces across the topics, off unless an exporter is configured: the trigger's HTTP request, each
 * send, and the reader's and alerts' processing of each record, linked through W3C {@code traceparent} headers. On
 * OpenTelemetry's own Kafka instrumentation.
 */
package io.sensorfunctions.tracing;
