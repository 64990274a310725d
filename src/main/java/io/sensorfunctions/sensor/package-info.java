/**
 * The emitter function and the sensor model: a fleet of emulated sensors whose value is trend plus seasonality plus
 * noise ({@link io.sensorfunctions.sensor.SensorModel}, deterministic for a seed and step), emitted every
 * {@code sensors.interval} by a {@code @Scheduled} job as Avro {@code SensorReading}s to {@code sensor-readings},
 * keyed by sensor id, through {@code @KafkaClient SensorReadingClient}. The trigger's bursts use the same publisher.
 */
package io.sensorfunctions.sensor;
