package io.sensorfunctions.function;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The event functions one jar can run. The {@code functions} property (env {@code FUNCTIONS}) holds a comma list of
 * their names; unset, all of them run, so the same jar serves as every function's container.
 */
public enum EventFunction {
    EMITTER, TRIGGER, READER, ALERTS, REGISTRY, DASHBOARD, REST_PROXY;

    /** Property that selects the functions, bound from the environment variable {@code FUNCTIONS}. */
    public static final String PROPERTY = "functions";

    /** Lower-case name as written in {@code FUNCTIONS}, words joined by a dash: {@code rest-proxy}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a {@code FUNCTIONS} value.
     *
     * @param value comma list such as {@code "reader,registry"}; null or blank selects every function
     * @return the selected functions, never empty
     * @throws IllegalArgumentException naming the unknown entry and the known ones
     */
    public static Set<EventFunction> parse(String value) {
        if (value == null || value.isBlank()) {
            return EnumSet.allOf(EventFunction.class);
        }
        Set<EventFunction> selected = EnumSet.noneOf(EventFunction.class);
        for (String part : value.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            selected.add(Arrays.stream(values()).filter(f -> f.id().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("FUNCTIONS contains unknown function '" + part.trim()
                    + "'; choose from " + Arrays.stream(values()).map(EventFunction::id).collect(Collectors.joining(",")))));
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("FUNCTIONS names no function; choose from "
                + Arrays.stream(values()).map(EventFunction::id).collect(Collectors.joining(",")));
        }
        return selected;
    }
}
