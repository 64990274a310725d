package io.sensorfunctions.reader;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.sensorfunctions.InvalidRequestException;
import io.sensorfunctions.JsonBodies;

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

    /** The last instant whose epoch ms fits a long. */
    private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final JsonMapper json;

    SeekRequestParser(JsonMapper json) {
        this.json = json;
    }

    /** @throws InvalidRequestException naming the field and the rule it breaks */
    SeekTarget parse(String body) {
        JsonNode root = JsonBodies.object(json, body, FIELDS, "{\"to\": \"beginning\"}");
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

    /** Epoch ms from 0 (1970) on; Kafka's offsetsForTimes refuses negative timestamps. */
    private static long timestamp(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new InvalidRequestException("timestamp", "is required with \"to\": \"timestamp\" (ISO-8601 or epoch ms)");
        }
        if (node.isNumber()) {
            return JsonBodies.wholeNumber(node, "timestamp", 0, Long.MAX_VALUE);
        }
        if (!node.isString()) {
            throw new InvalidRequestException("timestamp", "must be ISO-8601 text or epoch ms, got " + JsonBodies.describe(node));
        }
        Instant instant;
        try {
            instant = Instant.parse(node.coerceStringValue());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("timestamp", "must be ISO-8601 such as 2026-11-21T20:00:00Z, got " + node.coerceStringValue());
        }
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST)) {
            throw new InvalidRequestException("timestamp", "must be from 1970-01-01T00:00:00Z to " + LATEST + ", got " + node.coerceStringValue());
        }
        return instant.toEpochMilli();
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
                throw new InvalidRequestException("offsets", "keys are partition numbers from 0 to " + Integer.MAX_VALUE + ", got " + entry.getKey());
            }
            if (partition < 0) {
                throw new InvalidRequestException("offsets", "keys are partition numbers from 0, got " + entry.getKey());
            }
            offsets.put(partition, JsonBodies.wholeNumber(entry.getValue(), "offsets", 0, Long.MAX_VALUE));
        }
        return offsets;
    }
}
