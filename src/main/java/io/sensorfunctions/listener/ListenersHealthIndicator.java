package io.sensorfunctions.listener;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The listener functions' part of {@code /health}: DOWN, naming the function, while one of them waits for the
 * schema registry or the broker, or after its consumer stopped; the details hold each function's
 * {@link ListenerState.Snapshot}.
 */
@Singleton
class ListenersHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final ListenerStates states;

    ListenersHealthIndicator(ListenerStates states) {
        this.states = states;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean down = false;
        for (ListenerState state : states.all().values()) {
            down |= state.down();
            details.put(state.function(), state.snapshot());
        }
        healthStatus = down ? HealthStatus.DOWN : HealthStatus.UP;
        return details;
    }

    @Override
    protected String getName() {
        return "listeners";
    }
}
