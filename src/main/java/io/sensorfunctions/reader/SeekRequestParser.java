package io.sensorfunctions.reader;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.sensorfunctions.InvalidRequestException;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parses a {@code POST /readers/seek} body strictly:
 * <ul>
 *   <li>{@code {"to": "beginning"}} or {@code {"to": "end"}};</li>
 *   <li>{@code {"to": "timestamp", "timestamp": "2026-11-21T20:00:00Z"}} (ISO-8601, or epoch ms as a number);</li>
 *   <li>{@code {"to": "offsets", "offsets": {"0": 12, "3": 40}}} (partition to next offset to read, at least 0).</li>
 * </ul>
 * Every problem names its field; unknown fields are refused.
 */
final class SeekRequestParser {

    private static final Set<String> FIELDS = Set.of("to", "timestamp", "offsets");

    private final JsonMapper json;

    SeekRequestParser(JsonMapper json) {
        this.json = json;
    }

    /** @throws InvalidRequestException naming the field and the rule it breaks */
    SeekTarget parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidRequestException(null, "body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException(null, "body must be a JSON object such as {\"to\": \"beginning\"}");
        }
        for (var entry : root.entries()) {
            if (!FIELDS.contains(entry.getKey())) {
                throw new InvalidRequestException(entry.getKey(), "unknown field; allowed are to, timestamp and offsets");
            }
        }
        JsonNode to = root.get("to");
        if (to == null || !to.isString()) {
            throw new InvalidRequestException("to", "is required: beginning, end, timestamp or offsets");
        }
        return switch (to.getStringValue()) {
            case "beginning" -> new SeekTarget.Beginning();
            case "end" -> new SeekTarget.End();
            case "timestamp" -> new SeekTarget.Timestamp(timestamp(root.get("timestamp")));
            case "offsets" -> new SeekTarget.Offsets(offsets(root.get("offsets")));
            default -> throw new InvalidRequestException("to", "must be beginning, end, timestamp or offsets, got " + to.getStringValue());
        };
    }

    private static long timestamp(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new InvalidRequestException("timestamp", "is required with \"to\": \"timestamp\" (ISO-8601 or epoch ms)");
        }
        if (node.isNumber()) {
            double ms = node.getDoubleValue();
            if (ms < 0 || ms != Math.rint(ms)) {
                throw new InvalidRequestException("timestamp", "epoch ms must be a whole number, at least 0, got " + node.coerceStringValue());
            }
            return node.getLongValue();
        }
        try {
            return Instant.parse(node.coerceStringValue()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("timestamp", "must be ISO-8601 such as 2026-11-21T20:00:00Z, got " + node.coerceStringValue());
        }
    }

    private static Map<Integer, Long> offsets(JsonNode node) {
        if (node == null || !node.isObject() || node.size() == 0) {
            throw new InvalidRequestException("offsets", "is required with \"to\": \"offsets\": an object of partition to offset, e.g. {\"0\": 12}");
        }
        Map<Integer, Long> offsets = new TreeMap<>();
        for (var entry : node.entries()) {
            int partition;
            try {
                partition = Integer.parseInt(entry.getKey());
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("offsets", "keys are partition numbers, got " + entry.getKey());
            }
            JsonNode offset = entry.getValue();
            if (partition < 0 || !offset.isNumber() || offset.getDoubleValue() < 0 || offset.getDoubleValue() != Math.rint(offset.getDoubleValue())) {
                throw new InvalidRequestException("offsets", "partition " + entry.getKey() + " needs a whole offset of at least 0, got "
                    + offset.coerceStringValue());
            }
            offsets.put(partition, offset.getLongValue());
        }
        return offsets;
    }
}
