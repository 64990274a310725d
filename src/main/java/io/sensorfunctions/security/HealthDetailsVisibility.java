package io.sensorfunctions.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.management.endpoint.health.DetailsVisibility;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import jakarta.inject.Singleton;

/**
 * With security on, {@code /health} stays open for probes (status only) and shows its details, which name topics,
 * groups and causes, only to authenticated callers. With it off, the dev run shows details to everyone. The choice
 * follows {@code micronaut.security.enabled}, so that one switch cannot be flipped without the other.
 */
@Singleton
@Requires(property = "micronaut.security.enabled", value = "true")
class HealthDetailsVisibility implements BeanCreatedEventListener<HealthEndpoint> {

    @Override
    public HealthEndpoint onCreated(BeanCreatedEvent<HealthEndpoint> event) {
        HealthEndpoint endpoint = event.getBean();
        endpoint.setDetailsVisible(DetailsVisibility.AUTHENTICATED);
        return endpoint;
    }
}
