package io.sensorfunctions.trigger;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import jakarta.validation.constraints.Min;

/**
 * Limits of {@code POST /produce} ({@code trigger.*}).
 *
 * @param maxEvents  largest {@code events} (per sensor) one burst may ask for
 * @param maxDelayMs largest {@code delayMs} between steps, in ms
 * @param keptRuns   how many bursts {@code GET /produce/{id}} remembers; running ones are never forgotten
 * @param maxRunning how many bursts may run at once; {@code POST /produce} answers 429 beyond that
 */
// Created at startup when its function runs, so that an invalid value stops the instance there, naming the
// setting; another function's instance neither creates nor validates it.
@Context
@RequiresFunction(EventFunction.TRIGGER)
@ConfigurationProperties("trigger")
public record TriggerConfiguration(@Min(1) long maxEvents, @Min(0) long maxDelayMs, @Min(1) int keptRuns, @Min(1) int maxRunning) {
}
