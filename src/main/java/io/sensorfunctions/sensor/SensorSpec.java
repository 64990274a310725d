package io.sensorfunctions.sensor;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * One emulated sensor, with the parameters of Hopsworks' guide to external Python Kafka clients (2021, {@code sensor.py}), configured as
 * {@code sensors.fleet.<id>.*} (env e.g. {@code SENSORS_FLEET_SENSOR3_NOISE=2}).
 *
 * @param id        sensor id and record key: the key under {@code sensors.fleet}
 * @param baseline  value at step 0 before seasonality and noise
 * @param slope     trend per step
 * @param period    seasonality period in steps
 * @param amplitude seasonality amplitude
 * @param noise     standard deviation of the Gaussian noise
 * @param phase     seasonality phase shift in steps
 */
@EachProperty("sensors.fleet")
public record SensorSpec(
    @Parameter @NotBlank String id,
    double baseline,
    double slope,
    @Positive int period,
    double amplitude,
    double noise,
    int phase) {
}
