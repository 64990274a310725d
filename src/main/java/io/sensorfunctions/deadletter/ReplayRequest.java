package io.sensorfunctions.deadletter;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The body of {@code POST /dlt/replay}, read strictly by {@link ReplayRequestParser}.
 *
 * @param topic     the dead-letter topic to replay from; null for the readings' one
 * @param partition its partition
 * @param offsets   the records' offsets in that partition, 1 to {@value #MAX_OFFSETS}
 */
@Serdeable
@Schema(description = "Dead-lettered records to write back where they came from", example = "{\"partition\": 0, \"offsets\": [3, 4]}")
record ReplayRequest(
    @Schema(description = "a dead-letter topic (<topic>.DLT); absent, the readings' one")
    @Nullable String topic,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
    @PositiveOrZero(message = "must not be negative") int partition,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
    @NotNull(message = REQUIRED) @Size(min = 1, max = MAX_OFFSETS, message = REQUIRED)
    List<@PositiveOrZero(message = "must not be negative") Long> offsets) {

    static final int MAX_OFFSETS = 1000;
    private static final String REQUIRED = "is required: an array of 1 to " + MAX_OFFSETS + " offsets, e.g. [3, 4]";
}
