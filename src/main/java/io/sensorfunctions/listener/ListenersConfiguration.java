package io.sensorfunctions.listener;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * The listener functions' health ({@code listeners.*}).
 *
 * @param stallTimeout a listener whose consumer has not polled for this long is DOWN in {@code /health}: its
 *                     processing is stuck, or its poll thread died (default 60 s; the former key
 *                     {@code dead-letter.stall-timeout} still sets it)
 */
// Created at startup, so that an invalid value stops the instance there, naming the setting.
@Context
@ConfigurationProperties("listeners")
public record ListenersConfiguration(@NotNull Duration stallTimeout) {

    /** @throws IllegalArgumentException naming the setting when the timeout is not positive */
    public ListenersConfiguration {
        if (stallTimeout != null && (stallTimeout.isNegative() || stallTimeout.isZero())) {
            throw new IllegalArgumentException("listeners.stall-timeout must be positive, got " + stallTimeout);
        }
    }
}
