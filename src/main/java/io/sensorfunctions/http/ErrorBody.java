package io.sensorfunctions.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of every error answer of our own endpoints ({@code /produce}, {@code /readers/seek}, {@code /dlt},
 * {@code /groups}, a path no route serves, an unexpected failure); the registry's paths answer in Confluent's shape
 * instead (see {@link io.sensorfunctions.registry.RegistryErrors}).
 *
 * @param field the JSON field or query parameter at fault, or null when the request as a whole is
 * @param error what is wrong, naming the rule and the value received
 */
@Serdeable
public record ErrorBody(@Nullable String field, String error) {
}
