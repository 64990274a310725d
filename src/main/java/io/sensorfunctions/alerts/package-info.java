/**
 * The alerts function: a {@code @KafkaListener} in its own consumer group ({@code alerts.group-id}, default
 * {@code sensor-alerters}) reads {@code sensor-readings} {@code read_committed}, finds threshold crossings and jumps
 * per sensor ({@link io.sensorfunctions.alerts.AlertDetector}, a plain class), and writes each alert as an Avro
 * {@code SensorAlert} to {@code sensor-alerts}, keyed by sensor id. With {@code alerts.processing-guarantee=
 * exactly_once_v2} (default) each polled batch is one Kafka transaction through the {@code listener} runtime's
 * {@code TransactionalBatches} ({@link io.sensorfunctions.alerts.ExactlyOnceAlerts}): its alerts, its dead letters, the
 * detector's changes to its compacted changelog ({@link io.sensorfunctions.alerts.DetectorChangelog},
 * {@code topics.alerts-changelog}) and its offsets; a partition that moves here is read back from that changelog. With
 * {@code at_least_once} the alerts go through {@code @KafkaClient SensorAlertClient}, acknowledged one by one before
 * the batch's commit. What it cannot process goes to {@code sensor-readings.DLT}. {@code GET /alerts} lists the recent
 * ones this instance committed.
 */
package io.sensorfunctions.alerts;
