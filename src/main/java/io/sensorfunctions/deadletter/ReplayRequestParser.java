package io.sensorfunctions.deadletter;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.sensorfunctions.http.InvalidRequestException;
import io.sensorfunctions.http.JsonBodies;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code POST /dlt/replay} body strictly into a {@link ReplayRequest}: {@code {"partition": 0, "offsets": [3,
 * 4]}}, with an optional {@code "topic"} that must be one of the dead-letter topics (default: the first).
 */
final class ReplayRequestParser {

    private static final Set<String> FIELDS = Set.of("topic", "partition", "offsets");

    private final JsonMapper json;
    private final Validator validator;

    ReplayRequestParser(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * @param body   the request body
     * @param topics the dead-letter topics that may be named, the default first
     * @return the request, its topic filled in
     * @throws InvalidRequestException naming the field and the rule it breaks
     */
    ReplayRequest parse(String body, List<String> topics) {
        JsonNode root = JsonBodies.object(json, body, FIELDS, "{\"partition\": 0, \"offsets\": [3]}");
        String topic = topics.get(0);
        JsonNode topicNode = root.get("topic");
        if (topicNode != null && !topicNode.isNull()) {
            if (!topicNode.isString() || !topics.contains(topicNode.getStringValue())) {
                throw new InvalidRequestException("topic", "must be one of " + topics + ", got " + JsonBodies.describe(topicNode));
            }
            topic = topicNode.getStringValue();
        }
        int partition = (int) JsonBodies.wholeNumber(root.get("partition"), "partition", Integer.MIN_VALUE, Integer.MAX_VALUE);
        JsonNode offsetsNode = root.get("offsets");
        List<Long> offsets = null;
        if (offsetsNode != null && !offsetsNode.isNull()) {
            if (!offsetsNode.isArray()) {
                throw new InvalidRequestException("offsets", "must be an array of offsets such as [3, 4], got " + JsonBodies.describe(offsetsNode));
            }
            offsets = new ArrayList<>(offsetsNode.size());
            for (JsonNode offset : offsetsNode.values()) {
                offsets.add(JsonBodies.wholeNumber(offset, "offsets", Long.MIN_VALUE, Long.MAX_VALUE));
            }
        }
        return JsonBodies.valid(validator, new ReplayRequest(topic, partition, offsets));
    }
}
