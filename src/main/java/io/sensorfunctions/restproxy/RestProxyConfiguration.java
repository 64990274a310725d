package io.sensorfunctions.restproxy;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import java.time.Duration;

/**
 * The rest-proxy function's settings ({@code rest-proxy.*}; env {@code REST_PROXY_MAX_REQUEST_SIZE} and so on). The
 * consumer settings are Confluent REST Proxy's of the same names ({@code consumer.instance.timeout.ms},
 * {@code consumer.request.timeout.ms}, {@code consumer.request.max.bytes}), as durations and sizes.
 *
 * @param maxRequestSize          the largest request body taken, in bytes (default 1 MiB); a larger one answers 413
 * @param consumerInstanceTimeout how long a consumer instance may go unused before it is closed (default 5 min)
 * @param consumerRequestTimeout  how long {@code GET records} waits for records when the instance and the request
 *                                name no {@code timeout} (default 1 s)
 * @param consumerRequestMaxBytes the most bytes of keys and values one {@code GET records} answers with, whatever its
 *                                {@code max_bytes} (default 64 MiB)
 * @param maxConsumerInstances    how many consumer instances one process holds at most (default 100); one more answers
 *                                429
 * @param baseUri                 the URI clients reach this process at, to build each instance's {@code base_uri};
 *                                unset, the request's own host ({@code Host} or {@code Forwarded} headers)
 */
// Created at startup when its function runs, so that an invalid value stops the instance there, naming the setting.
@Context
@RequiresFunction(EventFunction.REST_PROXY)
@ConfigurationProperties("rest-proxy")
public record RestProxyConfiguration(@Positive int maxRequestSize, @NotNull Duration consumerInstanceTimeout,
                                     @NotNull Duration consumerRequestTimeout, @Positive long consumerRequestMaxBytes,
                                     @Positive int maxConsumerInstances, @Nullable String baseUri) {
}
