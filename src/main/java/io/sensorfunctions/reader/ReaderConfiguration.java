package io.sensorfunctions.reader;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.kafka.OffsetReset;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The reader function's settings ({@code reader.*}; env {@code READER_GROUP_ID}, {@code READER_AUTO_OFFSET_RESET}).
 *
 * @param groupId         consumer group; instances with the same id split the partitions (default {@code sensor-readers})
 * @param clientId        Kafka {@code client.id}, shown per member by {@code GET /groups/{groupId}}; by default
 *                        {@code sensor-reader-<http port>} so that instances on one machine tell apart
 * @param autoOffsetReset Kafka's {@code auto.offset.reset} for a group without committed offsets: {@code earliest}
 *                        (default, as in Aiven's tutorial), {@code latest} or {@code none} (an error state, see docs/configuration.md)
 * @param windowSize      values kept per sensor for min, max and mean (default 1000, as the consumer of Hopsworks'
 *                        Kafka guide)
 * @param auditFile       a file to append one line per processed reading to ({@code <sensor id> <timestamp ms>
 *                        <partition> <offset>}), or unset for none; written unbuffered, so a line survives a
 *                        {@code kill -9} of the process. For proving at-least-once, as the chaos test does
 */
// Created at startup when its function runs, so that an invalid value stops the instance there, naming the
// setting; another function's instance neither creates nor validates it.
@Context
@RequiresFunction(EventFunction.READER)
@ConfigurationProperties("reader")
record ReaderConfiguration(
    @NotBlank String groupId,
    @NotBlank String clientId,
    @NotBlank @Pattern(regexp = OffsetReset.VALUES, message = OffsetReset.MESSAGE) String autoOffsetReset,
    @Min(1) int windowSize,
    @Nullable String auditFile) {
}
