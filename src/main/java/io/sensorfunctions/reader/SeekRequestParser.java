package io.sensorfunctions.reader;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.sensorfunctions.http.InvalidRequestException;
import io.sensorfunctions.http.JsonBodies;
import jakarta.validation.Validator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a {@code POST /readers/seek} body strictly into a {@link SeekRequest}, then the {@link SeekTarget} it names:
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
    private final Validator validator;

    SeekRequestParser(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** @throws InvalidRequestException naming the field and the rule it breaks */
    SeekTarget parse(String body) {
        JsonNode root = JsonBodies.object(json, body, FIELDS, "{\"to\": \"beginning\"}");
        JsonNode to = root.get("to");
        if (to != null && !to.isNull() && !to.isString()) {
            throw new InvalidRequestException("to", "must be beginning, end, timestamp or offsets, got " + JsonBodies.describe(to));
        }
        SeekRequest request = JsonBodies.valid(validator, new SeekRequest(to == null || to.isNull() ? null : to.getStringValue(),
            timestamp(root.get("timestamp")), offsets(root.get("offsets"))));
        return switch (request.to()) {
            case "beginning" -> new SeekTarget.Beginning();
            case "end" -> new SeekTarget.End();
            case "timestamp" -> new SeekTarget.Timestamp(epochMs(request.timestamp()));
            default -> new SeekTarget.Offsets(partitions(request.offsets()));
        };
    }

    private static Object timestamp(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return JsonBodies.wholeNumber(node, "timestamp", 0, Long.MAX_VALUE);
        }
        if (!node.isString()) {
            throw new InvalidRequestException("timestamp", "must be ISO-8601 text or epoch ms, got " + JsonBodies.describe(node));
        }
        return node.getStringValue();
    }

    /** Epoch ms from 0 (1970) on; Kafka's offsetsForTimes refuses negative timestamps. */
    private static long epochMs(Object timestamp) {
        if (timestamp == null) {
            throw new InvalidRequestException("timestamp", "is required with \"to\": \"timestamp\" (ISO-8601 or epoch ms)");
        }
        if (timestamp instanceof Long epochMs) {
            return epochMs;
        }
        Instant instant;
        try {
            instant = Instant.parse((String) timestamp);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("timestamp", "must be ISO-8601 such as 2026-11-21T20:00:00Z, got " + timestamp);
        }
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST)) {
            throw new InvalidRequestException("timestamp", "must be from 1970-01-01T00:00:00Z to " + LATEST + ", got " + timestamp);
        }
        return instant.toEpochMilli();
    }

    private static Map<String, Long> offsets(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidRequestException("offsets", "must be an object of partition to offset, e.g. {\"0\": 12}, got " + JsonBodies.describe(node));
        }
        Map<String, Long> offsets = new LinkedHashMap<>();
        for (var entry : node.entries()) {
            offsets.put(entry.getKey(), JsonBodies.wholeNumber(entry.getValue(), "offsets", Long.MIN_VALUE, Long.MAX_VALUE));
        }
        return offsets;
    }

    private static Map<Integer, Long> partitions(Map<String, Long> offsets) {
        if (offsets == null || offsets.isEmpty()) {
            throw new InvalidRequestException("offsets", "is required with \"to\": \"offsets\": an object of partition to offset, e.g. {\"0\": 12}");
        }
        Map<Integer, Long> partitions = new TreeMap<>();
        offsets.forEach((key, offset) -> {
            int partition;
            try {
                partition = Integer.parseInt(key);
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("offsets", "keys are partition numbers from 0 to " + Integer.MAX_VALUE + ", got " + key);
            }
            if (partition < 0) {
                throw new InvalidRequestException("offsets", "keys are partition numbers from 0, got " + key);
            }
            partitions.put(partition, offset);
        });
        return partitions;
    }
}
