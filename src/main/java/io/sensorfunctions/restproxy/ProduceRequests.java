package io.sensorfunctions.restproxy;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.sensorfunctions.kafka.Failures;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * The shape of a v2 produce request (Confluent docs, "Confluent REST Proxy API Reference", POST /topics/(string:topic_name)):
 * {@code records} of {@code key}, {@code value} and {@code partition}, with {@code key_schema}, {@code key_schema_id},
 * {@code value_schema} and {@code value_schema_id} for Avro. Unknown fields are refused, as Confluent's Jackson
 * binding refuses them.
 */
final class ProduceRequests {

    private static final Set<String> REQUEST_FIELDS = Set.of("records", "key_schema", "key_schema_id", "value_schema", "value_schema_id");
    private static final Set<String> RECORD_FIELDS = Set.of("key", "value", "partition");

    private ProduceRequests() {
    }

    /**
     * @return the body as a JSON object with a non-empty {@code records} array of objects, each with only
     *         {@code key}, {@code value} and an integer {@code partition}, and no top-level field but those and the
     *         four schema fields
     * @throws RestProxyException 422 (code 422) naming what is wrong
     */
    static JsonNode parse(JsonMapper json, byte[] body) {
        JsonNode request;
        try {
            request = json.readValue(body, Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            throw RestProxyException.malformed("Request body is not JSON: " + Failures.rootMessage(e));
        }
        if (request == null || !request.isObject()) {
            throw RestProxyException.malformed("Request body must be a JSON object with records");
        }
        for (Map.Entry<String, JsonNode> entry : request.entries()) {
            if (!REQUEST_FIELDS.contains(entry.getKey())) {
                throw RestProxyException.malformed("Unrecognized field: " + entry.getKey());
            }
        }
        JsonNode records = request.get("records");
        if (records == null || !records.isArray() || records.size() == 0) {
            throw RestProxyException.malformed("records must be a non-empty array");
        }
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            if (!record.isObject()) {
                throw RestProxyException.malformed("records[" + i + "] must be an object");
            }
            for (Map.Entry<String, JsonNode> entry : record.entries()) {
                if (!RECORD_FIELDS.contains(entry.getKey())) {
                    throw RestProxyException.malformed("records[" + i + "]: unrecognized field " + entry.getKey());
                }
            }
            JsonNode partition = record.get("partition");
            if (partition != null && !partition.isNull() && !(partition.isNumber() && isInt(partition))) {
                throw RestProxyException.malformed("records[" + i + "].partition must be an integer");
            }
        }
        return request;
    }

    /** @return true when the number is an integer within Java's int */
    static boolean isInt(JsonNode number) {
        double value = number.getDoubleValue();
        return value == Math.rint(value) && Math.abs(value) <= Integer.MAX_VALUE;
    }

    /** @return true when any record has {@code field} set and not null */
    static boolean anyPresent(JsonNode records, String field) {
        for (int i = 0; i < records.size(); i++) {
            JsonNode value = records.get(i).get(field);
            if (value != null && !value.isNull()) {
                return true;
            }
        }
        return false;
    }
}
