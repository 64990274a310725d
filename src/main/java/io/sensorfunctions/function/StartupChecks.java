package io.sensorfunctions.function;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;

import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

/**
 * Refuses, at startup and with one message naming the setting, configurations that would otherwise start and then
 * misbehave quietly. Single values (partitions, offset reset, intervals, ...) are checked by the configuration records,
 * which are created at startup; the rules here span settings.
 */
@Context
class StartupChecks {

    /** Functions whose records go through the Avro serde and so need a schema registry. */
    private static final Set<EventFunction> NEED_REGISTRY = EnumSet.of(EventFunction.EMITTER, EventFunction.TRIGGER, EventFunction.READER,
        EventFunction.ALERTS, EventFunction.DASHBOARD);

    StartupChecks(Environment environment) {
        Set<EventFunction> functions = EventFunction.parse(environment.get(EventFunction.PROPERTY, String.class).orElse(null));
        checkRegistryUrl(environment, functions);
    }

    /**
     * Without the registry function, the default {@code schema.registry.url} points at this instance's own port, where
     * no registry answers: a reader deployed so would wait for ever. That is a deployment mistake, not an outage.
     */
    private static void checkRegistryUrl(Environment environment, Set<EventFunction> functions) {
        if (functions.contains(EventFunction.REGISTRY) || functions.stream().noneMatch(NEED_REGISTRY::contains)) {
            return;
        }
        String url = environment.get("schema.registry.url", String.class).orElse("");
        int port = environment.get("micronaut.server.port", Integer.class).orElse(8080);
        boolean self = url.isBlank() || url.split(",").length == 1 && pointsAt(url.trim(), port);
        if (self) {
            throw new ConfigurationException("schema.registry.url (SCHEMA_REGISTRY_URL) is " + (url.isBlank() ? "not set" : url)
                + ", this instance's own port, but FUNCTIONS=" + environment.get(EventFunction.PROPERTY, String.class).orElse("")
                + " does not run the registry function. Set SCHEMA_REGISTRY_URL to your schema registry, or add registry to FUNCTIONS.");
        }
    }

    private static boolean pointsAt(String url, int port) {
        try {
            URI uri = URI.create(url);
            String host = uri.getHost();
            return uri.getPort() == port && host != null
                && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("0.0.0.0"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("schema.registry.url (SCHEMA_REGISTRY_URL) is not a URL: " + url);
        }
    }
}
