package io.sensorfunctions.sensor;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * How the fleet emits ({@code sensors.*}); the sensors themselves are {@link SensorSpec}s under {@code sensors.fleet}.
 *
 * @param interval  time between the emitter's steps (default 500 ms). {@code SensorEmitterJob}'s {@code @Scheduled} reads
 *                  the key itself; it is bound here so that a value that is not positive stops the instance at startup
 * @param seed      RNG seed; the same seed and steps give the same values
 * @param startStep first step the emitter and bursts continue from
 */
// Created at startup, so that an invalid value stops the instance there, naming the setting.
@Context
@ConfigurationProperties("sensors")
public record SensorFleetConfiguration(
    @NotNull Duration interval,
    long seed,
    long startStep) {

    /** @throws IllegalArgumentException naming the setting when the interval is not positive */
    public SensorFleetConfiguration {
        if (interval != null && (interval.isNegative() || interval.isZero())) {
            throw new IllegalArgumentException("sensors.interval (SENSORS_INTERVAL) must be positive, got " + interval);
        }
    }
}
