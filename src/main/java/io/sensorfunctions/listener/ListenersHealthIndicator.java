package io.sensorfunctions.listener;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The listener functions' part of {@code /health} and {@code /health/readiness} ({@code listeners}): DOWN, naming the
 * function, while one of them waits for the schema registry or the broker, stalls past {@code listeners.stall-timeout},
 * or after its consumer stopped; the details hold each function's {@link ListenerState.Snapshot}. Its
 * {@link Alive} part is {@code /health/liveness}.
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

    /**
     * {@code /health/liveness} ({@code listeners-alive}): DOWN only when a listener's consumer stopped for good (an
     * {@code Error} on its poll thread, or {@code auto.offset.reset=none} without a committed offset), which only a
     * restart mends. A listener that waits for the registry or the broker, or is refused by it, is alive but not
     * ready: the readiness part says so, and a restart would not help.
     */
    @Singleton
    @Liveness
    static final class Alive implements HealthIndicator {

        private final ListenerStates states;

        Alive(ListenerStates states) {
            this.states = states;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            Map<String, String> stopped = new TreeMap<>();
            for (ListenerState listener : states.all().values()) {
                if (listener.stopped() != null) {
                    stopped.put(listener.function(), listener.stopped());
                }
            }
            return Mono.just(HealthResult.builder("listeners-alive", stopped.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(stopped).build());
        }
    }
}
