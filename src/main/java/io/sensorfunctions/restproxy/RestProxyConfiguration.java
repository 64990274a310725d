package io.sensorfunctions.restproxy;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import jakarta.validation.constraints.Positive;

/**
 * The rest-proxy function's settings ({@code rest-proxy.*}; env {@code REST_PROXY_MAX_REQUEST_SIZE}).
 *
 * @param maxRequestSize the largest produce body taken, in bytes (default 1 MiB); a larger one answers 413
 */
// Created at startup when its function runs, so that an invalid value stops the instance there, naming the setting.
@Context
@RequiresFunction(EventFunction.REST_PROXY)
@ConfigurationProperties("rest-proxy")
record RestProxyConfiguration(@Positive int maxRequestSize) {
}
