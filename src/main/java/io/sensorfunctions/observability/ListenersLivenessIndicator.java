package io.sensorfunctions.observability;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.sensorfunctions.listener.ListenerState;
import io.sensorfunctions.listener.ListenerStates;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /health/liveness}: DOWN only when a listener's consumer stopped for good (an {@code Error} on its poll
 * thread, or {@code auto.offset.reset=none} without a committed offset), which only a restart mends. A listener that
 * waits for the registry or the broker, or is refused by it, is alive but not ready: {@code /health/readiness}
 * (every indicator) says so, and a restart would not help.
 */
@Singleton
@Liveness
class ListenersLivenessIndicator implements HealthIndicator {

    private final ListenerStates listeners;

    ListenersLivenessIndicator(ListenerStates listeners) {
        this.listeners = listeners;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, String> stopped = new TreeMap<>();
        for (ListenerState listener : listeners.all().values()) {
            if (listener.stopped() != null) {
                stopped.put(listener.function(), listener.stopped());
            }
        }
        return Mono.just(HealthResult.builder("listeners-alive", stopped.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN)
            .details(stopped).build());
    }
}
