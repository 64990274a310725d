package io.sensorfunctions.alerts;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.kafka.OffsetReset;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * The alerts function's settings ({@code alerts.*}; env {@code ALERTS_HIGH}, ...).
 *
 * @param groupId         its consumer group, independent of the readers' (default {@code sensor-alerters})
 * @param autoOffsetReset Kafka's {@code auto.offset.reset} for the group's first start: earliest, latest or none
 * @param high            a reading at or above this, after one below it, is ABOVE_HIGH
 * @param low             a reading at or below this, after one above it, is BELOW_LOW
 * @param jump            a change of at least this since the sensor's previous reading is JUMP; same unit as values
 * @param recent          alerts kept for {@code GET /alerts}
 */
// Created at startup when its function runs, so that an invalid value stops the instance there, naming the
// setting; another function's instance neither creates nor validates it.
@Context
@RequiresFunction(EventFunction.ALERTS)
@ConfigurationProperties("alerts")
record AlertsConfiguration(
    @NotBlank String groupId,
    @NotBlank @Pattern(regexp = OffsetReset.VALUES, message = OffsetReset.MESSAGE) String autoOffsetReset,
    double high,
    double low,
    @Positive double jump,
    @Positive int recent) {
}
