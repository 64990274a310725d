package io.sensorfunctions.deadletter;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * How the reader and alerts functions treat a record they cannot process ({@code dead-letter.*}).
 *
 * @param maxAttempts    tries in all for a record whose processing throws, before it goes to {@code <topic>.DLT}
 *                       (default 3). A record that cannot decode goes there at once; one that waits for the schema
 *                       registry or the broker is tried until they answer, never dead-lettered
 * @param initialBackoff pause of the record's partition after its first failure (default 200 ms); it doubles per
 *                       failure of the same record
 * @param maxBackoff     cap of that pause (default 30 s)
 * @param recent         dead-lettered records {@code GET /dlt} shows per topic, newest first (default 20)
 */
// Created at startup, so that an invalid value stops the instance there, naming the setting.
@Context
@ConfigurationProperties("dead-letter")
public record DeadLetterConfiguration(
    @Min(1) int maxAttempts,
    @NotNull Duration initialBackoff,
    @NotNull Duration maxBackoff,
    @Min(1) int recent) {

    /** @throws IllegalArgumentException naming the setting when a pause is not positive or the cap is below the start */
    public DeadLetterConfiguration {
        if (initialBackoff != null && (initialBackoff.isNegative() || initialBackoff.isZero())) {
            throw new IllegalArgumentException("dead-letter.initial-backoff must be positive, got " + initialBackoff);
        }
        if (initialBackoff != null && maxBackoff != null && maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("dead-letter.max-backoff (" + maxBackoff
                + ") must be at least dead-letter.initial-backoff (" + initialBackoff + ")");
        }
    }

    /**
     * @param failures failures of the same record so far, at least 1
     * @return {@code initialBackoff × 2^(failures-1)}, capped at {@code maxBackoff}
     */
    public Duration backoff(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        long ms = initialBackoff.toMillis() << doublings;
        return ms <= 0 || ms > maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(ms);
    }
}
