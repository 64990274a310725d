package io.sensorfunctions.reader;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import java.util.Map;

/**
 * The body of {@code POST /readers/seek}, read strictly by {@link SeekRequestParser} and turned into a
 * {@link SeekTarget}.
 *
 * @param to        beginning, end, timestamp or offsets
 * @param timestamp with {@code to: timestamp}: ISO-8601 text, or epoch ms as a whole number
 * @param offsets   with {@code to: offsets}: partition number (as JSON object keys are text) to the next offset to read
 */
@Serdeable
@Schema(description = "Where this instance's partitions move", example = "{\"to\": \"timestamp\", \"timestamp\": \"2026-11-21T20:00:00Z\"}")
record SeekRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"beginning", "end", "timestamp", "offsets"})
    @NotNull(message = "is required: beginning, end, timestamp or offsets")
    @Pattern(regexp = "beginning|end|timestamp|offsets", message = "must be beginning, end, timestamp or offsets") String to,
    @Schema(description = "with to=timestamp: ISO-8601 such as 2026-11-21T20:00:00Z, or epoch ms", oneOf = {String.class, Long.class})
    @Nullable Object timestamp,
    @Schema(description = "with to=offsets: partition number to the next offset to read, e.g. {\"0\": 12, \"3\": 40}")
    @Nullable Map<String, @PositiveOrZero(message = "must not be negative") Long> offsets) {
}
