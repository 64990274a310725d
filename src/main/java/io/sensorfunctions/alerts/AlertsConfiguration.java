package io.sensorfunctions.alerts;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.kafka.OffsetReset;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import java.time.Duration;

/**
 * The alerts function's settings ({@code alerts.*}; env {@code ALERTS_HIGH}, ...).
 *
 * @param groupId         its consumer group, independent of the readers' (default {@code sensor-alerters})
 * @param autoOffsetReset Kafka's {@code auto.offset.reset} for the group's first start: earliest, latest or none
 * @param high            a reading at or above this, after one below it, is ABOVE_HIGH
 * @param low             a reading at or below this, after one above it, is BELOW_LOW
 * @param jump            a change of at least this since the sensor's previous reading is JUMP; same unit as values
 * @param recent          alerts kept for {@code GET /alerts}
 * @param processingGuarantee {@code exactly_once_v2} (each batch's alerts, dead letters, detector changelog and offsets
 *                        in one Kafka transaction, KIP-447) or {@code at_least_once}; Kafka Streams'
 *                        {@code processing.guarantee} names
 * @param transactionalIdPrefix the start of each instance's {@code transactional.id}, which goes on with a dash and a
 *                        random id (default the group id)
 * @param restoreTimeout  how long a partition that moved to this instance may take to read its detector state back
 *                        from the changelog before its readings wait for it
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
    @Positive int recent,
    @NotBlank @Pattern(regexp = AlertsConfiguration.EXACTLY_ONCE_V2 + "|" + AlertsConfiguration.AT_LEAST_ONCE,
        message = "must be exactly_once_v2 or at_least_once") String processingGuarantee,
    @NotBlank String transactionalIdPrefix,
    @NotNull Duration restoreTimeout) {

    /** Kafka Streams' name for transactional processing with the consumer's group metadata (KIP-447). */
    static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
    static final String AT_LEAST_ONCE = "at_least_once";

    /** @return true for {@value #EXACTLY_ONCE_V2} */
    boolean exactlyOnce() {
        return EXACTLY_ONCE_V2.equals(processingGuarantee);
    }
}
