package io.sensorfunctions.trigger;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.sensorfunctions.InvalidRequestException;

import java.io.IOException;
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
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException(null, "body is empty; send {\"events\": n, \"delayMs\": d, \"start\": t}");
        }
        JsonNode root;
        try {
            root = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidRequestException(null, "body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException(null, "body must be a JSON object");
        }
        for (var entry : root.entries()) {
            if (!FIELDS.contains(entry.getKey())) {
                throw new InvalidRequestException(entry.getKey(), "unknown field; allowed are events, delayMs and start");
            }
        }
        long events = number(root, "events", 1, limits.maxEvents());
        long delayMs = number(root, "delayMs", 0, limits.maxDelayMs());
        Long start = root.get("start") == null || root.get("start").isNull() ? null : number(root, "start", 0, Long.MAX_VALUE);
        return new ProduceRequest(events, delayMs, start);
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }

    private static long number(JsonNode root, String field, long min, long max) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidRequestException(field, "is required");
        }
        if (!node.isNumber()) {
            throw new InvalidRequestException(field, "must be a number, got " + node.coerceStringValue());
        }
        double value = node.getDoubleValue();
        if (value != Math.rint(value) || Double.isInfinite(value)) {
            throw new InvalidRequestException(field, "must be a whole number, got " + node.coerceStringValue());
        }
        if (value < min) {
            throw new InvalidRequestException(field, (min == 0 ? "must not be negative" : "must be at least " + min)
                + ", got " + node.coerceStringValue());
        }
        if (value > max) {
            throw new InvalidRequestException(field, "must be at most " + max + ", got " + node.coerceStringValue());
        }
        return node.getLongValue();
    }
}
