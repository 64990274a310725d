/**
 * The alerts function: a {@code @KafkaListener} in its own consumer group ({@code alerts.group-id}, default
 * {@code sensor-alerters}) reads {@code sensor-readings}, finds threshold crossings and jumps per sensor
 * ({@link io.sensorfunctions.alerts.AlertDetector}, a plain class), and writes each alert as an Avro
 * {@code SensorAlert} to {@code sensor-alerts}, keyed by sensor id, through {@code @KafkaClient SensorAlertClient}. A
 * reading's offset is committed only after its alerts are acknowledged; what it cannot process goes to
 * {@code sensor-readings.DLT} through the {@code listener} runtime. {@code GET /alerts} lists the recent ones.
 */
package io.sensorfunctions.alerts;
