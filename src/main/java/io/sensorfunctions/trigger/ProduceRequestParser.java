package io.sensorfunctions.trigger;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.sensorfunctions.JsonBodies;

import java.util.Set;

/**
 * Parses and validates a {@code POST /produce} body strictly: every problem is reported with the field it concerns,
 * before anything is produced. Fields: {@code events} (required, 1 to {@code trigger.max-events}), {@code delayMs}
 * (required, 0 to {@code trigger.max-delay-ms}) and {@code start} (optional, at least 0). Any other field is refused,
 * so a typo such as {@code "event"} cannot silently fall back to a default.
 */
final class ProduceRequestParser {

    private static final Set<String> FIELDS = Set.of("events", "delayMs", "start");

    private final JsonMapper json;
    private final TriggerConfiguration limits;

    ProduceRequestParser(JsonMapper json, TriggerConfiguration limits) {
        this.json = json;
        this.limits = limits;
    }

    /**
     * @param body the raw request body
     * @return the validated request
     * @throws InvalidRequestException naming the field and the rule it breaks
     */
    ProduceRequest parse(String body) {
        JsonNode root = JsonBodies.object(json, body, FIELDS, "{\"events\": 10, \"delayMs\": 100}");
        long events = JsonBodies.wholeNumber(root.get("events"), "events", 1, limits.maxEvents());
        long delayMs = JsonBodies.wholeNumber(root.get("delayMs"), "delayMs", 0, limits.maxDelayMs());
        JsonNode startNode = root.get("start");
        Long start = startNode == null || startNode.isNull() ? null : JsonBodies.wholeNumber(startNode, "start", 0, Long.MAX_VALUE);
        return new ProduceRequest(events, delayMs, start);
    }
}
