package io.sensorfunctions.kafka;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.naming.conventions.StringConvention;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses to start when a {@code KAFKA_CONSUMERS_<NAME>_<KEY>} or {@code KAFKA_PRODUCERS_<NAME>_<KEY>} variable
 * belongs to no client configuration that exists. micronaut-kafka 5.9 makes {@code kafka.consumers.<name>} and
 * {@code kafka.producers.<name>} configurations only from names it finds in configuration files, so a variable such
 * as {@code KAFKA_CONSUMERS_SENSOR_READERS_GROUP_INSTANCE_ID}, with no {@code kafka.consumers.sensor-readers} in any
 * file, would be ignored without a word. {@link ClientEnvironmentConfigurer} applies the variables of the
 * configurations that do exist ({@code default}, and the producers of {@code application.yml}).
 */
@Context
class ClientVariablesCheck {

    private static final String PREFIX = "KAFKA_";

    ClientVariablesCheck(Environment environment) {
        Map<String, Set<String>> names = Map.of(
            "consumers", configured(environment, "consumers"),
            "producers", configured(environment, "producers"));
        List<String> unmatched = unmatched(System.getenv(), names);
        if (!unmatched.isEmpty()) {
            throw new ConfigurationException(String.join("; ", unmatched));
        }
    }

    /** Names of the {@code kafka.<kind>.<name>} configurations in configuration files, and {@code default}. */
    private static Set<String> configured(Environment environment, String kind) {
        Set<String> names = new TreeSet<>(Set.of("default"));
        environment.getProperties("kafka." + kind, StringConvention.RAW).keySet()
            .forEach(key -> names.add(key.substring(0, key.indexOf('.') < 0 ? key.length() : key.indexOf('.'))));
        return names;
    }

    /**
     * @param variables environment variables, name to value
     * @param names     per kind ({@code consumers}, {@code producers}), the configured client names, e.g.
     *                  {@code sensor-emitter}
     * @return one message per variable that names no configured client, naming the variable and the remedy; empty
     *         when every such variable belongs to one
     */
    static List<String> unmatched(Map<String, String> variables, Map<String, Set<String>> names) {
        List<String> messages = new ArrayList<>();
        new TreeSet<>(variables.keySet()).forEach(variable -> names.forEach((kind, configured) -> {
            String prefix = PREFIX + kind.toUpperCase(Locale.ROOT) + "_";
            if (variable.startsWith(prefix) && configured.stream()
                .noneMatch(name -> variable.startsWith(prefix + name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_') + "_"))) {
                messages.add(variable + " is set, but there is no kafka." + kind + ".<name> configuration it belongs to "
                    + "(there are: " + String.join(", ", new TreeSet<>(configured)) + "), and micronaut-kafka makes a named one only "
                    + "from configuration files. Put the key under kafka." + kind + ".<name> in a file named by "
                    + "MICRONAUT_CONFIG_FILES, or use " + prefix + "DEFAULT_<KEY> for every client of that kind");
            }
        }));
        return messages;
    }
}
