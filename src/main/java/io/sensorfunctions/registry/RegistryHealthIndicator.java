package io.sensorfunctions.registry;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registry's part of {@code /health}: DOWN with the reason while its store reader cannot read the store topic
 * (reads are still served from memory then, but writes and other instances' changes wait).
 */
@Singleton
@RequiresFunction(EventFunction.REGISTRY)
class RegistryHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final SchemaLogTail tail;

    RegistryHealthIndicator(SchemaLogTail tail) {
        this.tail = tail;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("storeOffset", tail.position());
        String failure = tail.readerFailure();
        if (failure != null) {
            details.put("error", failure);
        }
        healthStatus = failure == null ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    @Override
    protected String getName() {
        return "registry";
    }
}
