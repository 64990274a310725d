package io.sensorfunctions.sensor;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * How the fleet emits ({@code sensors.*}); the sensors themselves are {@link SensorSpec}s under {@code sensors.fleet}.
 *
 * @param interval  time between the emitter's steps (default 500 ms)
 * @param seed      RNG seed; the same seed and steps give the same values
 * @param startStep first step the emitter and bursts continue from
 */
@ConfigurationProperties("sensors")
public record SensorFleetConfiguration(
    @NotNull Duration interval,
    long seed,
    long startStep) {
}
