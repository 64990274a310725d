package io.sensorfunctions.sensor;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The emitter's part of {@code /health}: DOWN while the latest step's sends failed (a broker away, a registry refusing
 * the schema, a missing WRITE ACL: a cause the {@code kafka} part cannot see), UP again once a step succeeds; with the
 * count of sends that failed since start and the last cause, so that no failed reading goes uncounted.
 */
@Singleton
@RequiresFunction(EventFunction.EMITTER)
class EmitterHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final SensorEmitterJob emitter;

    EmitterHealthIndicator(SensorEmitterJob emitter) {
        this.emitter = emitter;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("failedSends", emitter.failedSends());
        if (emitter.lastError() != null) {
            details.put("lastError", emitter.lastError());
        }
        healthStatus = emitter.lastStepFailed() ? HealthStatus.DOWN : HealthStatus.UP;
        return details;
    }

    @Override
    protected String getName() {
        return "emitter";
    }
}
