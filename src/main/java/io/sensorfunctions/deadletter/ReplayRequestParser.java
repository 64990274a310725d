package io.sensorfunctions.deadletter;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.sensorfunctions.InvalidRequestException;
import io.sensorfunctions.JsonBodies;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses a {@code POST /dlt/replay} body strictly: {@code {"partition": 0, "offsets": [3, 4]}}, with an optional
 * {@code "topic"} that must be one of the dead-letter topics (default: the first). At most {@value #MAX_OFFSETS}
 * offsets, each a whole number of at least 0.
 */
final class ReplayRequestParser {

    /** What to replay. */
    record Request(String topic, int partition, List<Long> offsets) {
    }

    static final int MAX_OFFSETS = 1000;
    private static final Set<String> FIELDS = Set.of("topic", "partition", "offsets");

    private final JsonMapper json;

    ReplayRequestParser(JsonMapper json) {
        this.json = json;
    }

    /**
     * @param body   the request body
     * @param topics the dead-letter topics that may be named, the default first
     * @throws InvalidRequestException naming the field and the rule it breaks
     */
    Request parse(String body, List<String> topics) {
        JsonNode root = JsonBodies.object(json, body, FIELDS, "{\"partition\": 0, \"offsets\": [3]}");
        String topic = topics.get(0);
        JsonNode topicNode = root.get("topic");
        if (topicNode != null && !topicNode.isNull()) {
            if (!topicNode.isString() || !topics.contains(topicNode.getStringValue())) {
                throw new InvalidRequestException("topic", "must be one of " + topics + ", got " + JsonBodies.describe(topicNode));
            }
            topic = topicNode.getStringValue();
        }
        int partition = (int) JsonBodies.wholeNumber(root.get("partition"), "partition", 0, Integer.MAX_VALUE);
        JsonNode offsetsNode = root.get("offsets");
        if (offsetsNode == null || !offsetsNode.isArray() || offsetsNode.size() == 0 || offsetsNode.size() > MAX_OFFSETS) {
            throw new InvalidRequestException("offsets", "is required: an array of 1 to " + MAX_OFFSETS + " offsets, e.g. [3, 4]");
        }
        List<Long> offsets = new ArrayList<>(offsetsNode.size());
        for (JsonNode offset : offsetsNode.values()) {
            offsets.add(JsonBodies.wholeNumber(offset, "offsets", 0, Long.MAX_VALUE));
        }
        return new Request(topic, partition, offsets);
    }
}
