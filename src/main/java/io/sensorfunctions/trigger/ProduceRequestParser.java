package io.sensorfunctions.trigger;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.sensorfunctions.http.InvalidRequestException;
import io.sensorfunctions.http.JsonBodies;
import jakarta.validation.Validator;

import java.util.Set;

/**
 * Reads a {@code POST /produce} body strictly into a {@link ProduceRequest}: every problem is reported with the field
 * it concerns, before anything is produced. {@code events} and {@code delayMs} are required, {@code start} is
 * optional; any other field is refused, so a typo such as {@code "event"} cannot silently fall back to a default.
 */
final class ProduceRequestParser {

    private static final Set<String> FIELDS = Set.of("events", "delayMs", "start");

    private final JsonMapper json;
    private final Validator validator;
    private final TriggerConfiguration limits;

    ProduceRequestParser(JsonMapper json, Validator validator, TriggerConfiguration limits) {
        this.json = json;
        this.validator = validator;
        this.limits = limits;
    }

    /**
     * @param body the raw request body
     * @return the validated request
     * @throws InvalidRequestException naming the field and the rule it breaks
     */
    ProduceRequest parse(String body) {
        JsonNode root = JsonBodies.object(json, body, FIELDS, "{\"events\": 10, \"delayMs\": 100}");
        ProduceRequest request = JsonBodies.valid(validator, new ProduceRequest(
            JsonBodies.wholeNumber(root.get("events"), "events", Long.MIN_VALUE, Long.MAX_VALUE),
            JsonBodies.wholeNumber(root.get("delayMs"), "delayMs", Long.MIN_VALUE, Long.MAX_VALUE),
            JsonBodies.optionalWholeNumber(root.get("start"), "start")));
        atMost("events", request.events(), limits.maxEvents());
        atMost("delayMs", request.delayMs(), limits.maxDelayMs());
        return request;
    }

    private static void atMost(String field, long value, long max) {
        if (value > max) {
            throw new InvalidRequestException(field, "must be at most " + max + ", got " + value);
        }
    }
}
