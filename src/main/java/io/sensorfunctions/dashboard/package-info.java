/**
 * The live dashboard: {@code GET /} and a server-sent event stream ({@code /dashboard/events}) with each sensor's
 * recent values, the recent alerts and the readers' consumer group (members, partitions, lag). It reads
 * {@code sensor-readings} and {@code sensor-alerts} in consumer groups of its own per instance, from the live end,
 * committing nothing; a record it cannot decode is left out of the charts, not dead-lettered. It writes no topic.
 */
package io.sensorfunctions.dashboard;
