package io.sensorfunctions.trigger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The body of {@code POST /produce}: the HTTP form of the Avro producer of Hopsworks' guide to external Python Kafka
 * clients (2021), {@code avro_producer.py -e EVENTS -d DELAY -t START}. Read strictly by {@link ProduceRequestParser}; the upper limits are configured
 * ({@code trigger.max-events}, {@code trigger.max-delay-ms}), so they are checked there rather than here.
 *
 * @param events  steps to produce; each step is one reading per sensor
 * @param delayMs pause between steps, ms
 * @param start   first step, or null to continue the fleet's step
 */
@Serdeable
@Schema(description = "A burst of readings", example = "{\"events\": 10, \"delayMs\": 100}")
record ProduceRequest(
    @Schema(description = "steps to produce, each one reading per sensor; at most trigger.max-events (default 100000)",
        requiredMode = Schema.RequiredMode.REQUIRED)
    @Min(value = 1, message = "must be at least 1") long events,
    @Schema(description = "pause between steps, ms; at most trigger.max-delay-ms (default 60000)",
        requiredMode = Schema.RequiredMode.REQUIRED)
    @PositiveOrZero(message = "must not be negative") long delayMs,
    @Schema(description = "first step of the sensor model; absent, the fleet continues from its current step")
    @Nullable @PositiveOrZero(message = "must not be negative") Long start) {
}
