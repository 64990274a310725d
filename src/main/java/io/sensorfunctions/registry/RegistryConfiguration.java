package io.sensorfunctions.registry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * The registry function's settings ({@code registry.*}).
 *
 * @param transactionalId    Kafka {@code transactional.id} shared by every registry instance of one store; instances
 *                           fence each other with it, which serialises writers (see {@link SchemaLogWriter})
 * @param timeout            how long a request may wait for the store to catch up or a write to commit
 * @param compatibilityLevel the global level until {@code PUT /config} sets one; Confluent's
 *                           {@code schema.compatibility.level}, BACKWARD by default as there
 */
// Created at startup when its function runs, so that an invalid value stops the instance there, naming the
// setting; another function's instance neither creates nor validates it.
@Context
@RequiresFunction(EventFunction.REGISTRY)
@ConfigurationProperties("registry")
record RegistryConfiguration(@NotBlank String transactionalId, @NotNull Duration timeout,
                             @NotNull CompatibilityLevel compatibilityLevel) {
}
