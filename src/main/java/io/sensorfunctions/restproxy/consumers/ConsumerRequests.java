package io.sensorfunctions.restproxy.consumers;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.sensorfunctions.kafka.Failures;
import io.sensorfunctions.restproxy.KafkaMediaTypes.EmbeddedFormat;
import io.sensorfunctions.restproxy.RestProxyException;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The bodies of Confluent REST Proxy v2's consumer requests (Confluent docs, "Confluent REST Proxy API Reference",
 * Consumers), checked whole before anything reaches Kafka: a request is refused with 422 naming the field, or done.
 * Unknown fields are refused, as Confluent's Jackson binding refuses them. Numbers may come as JSON numbers or as
 * strings of digits, as Confluent and Karapace take them.
 */
final class ConsumerRequests {

    /** Instance names travel in paths: Kafka's own alphabet for names, of its length (249). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Set<String> CREATE_FIELDS = Set.of("name", "format", "auto.offset.reset", "auto.commit.enable",
        "fetch.min.bytes", "consumer.request.timeout.ms");

    /**
     * {@code POST /consumers/{group}}.
     *
     * @param name            the instance's name, or null for a generated one
     * @param format          the embedded format of the records it reads
     * @param autoOffsetReset {@code earliest}, {@code latest} or {@code none}, or null for the consumer's setting
     * @param autoCommit      whether Kafka commits the offsets of the records answered, or null for Kafka's default
     * @param fetchMinBytes   Kafka's {@code fetch.min.bytes}, or null
     * @param requestTimeout  how long {@code GET records} waits by default, or null for the proxy's setting
     */
    record Create(@Nullable String name, EmbeddedFormat format, @Nullable String autoOffsetReset, @Nullable Boolean autoCommit,
                  @Nullable Integer fetchMinBytes, @Nullable Duration requestTimeout) {
    }

    /** {@code POST subscription}: topics by name, or a pattern; exactly one of the two is set. */
    record Subscription(@Nullable List<String> topics, @Nullable Pattern pattern) {
    }

    private ConsumerRequests() {
    }

    /** @throws RestProxyException 422 with 42204 naming the setting that is wrong */
    static Create create(JsonMapper json, String body) {
        JsonNode request = object(json, body.isBlank() ? "{}" : body, CREATE_FIELDS, RestProxyException.INVALID_CONSUMER_SETTINGS);
        String name = text(request, "name", RestProxyException.INVALID_CONSUMER_SETTINGS);
        if (name != null && !NAME.matcher(name).matches()) {
            throw invalidSetting("name " + name + " must be 1 to 249 of A-Z, a-z, 0-9, '.', '_' and '-'");
        }
        String format = text(request, "format", RestProxyException.INVALID_CONSUMER_SETTINGS);
        EmbeddedFormat embedded = EmbeddedFormat.BINARY;
        if (format != null) {
            embedded = switch (format.toLowerCase(Locale.ROOT)) {
                case "binary" -> EmbeddedFormat.BINARY;
                case "json" -> EmbeddedFormat.JSON;
                case "avro" -> EmbeddedFormat.AVRO;
                default -> throw invalidSetting("format " + format + " is not one of binary, json, avro");
            };
        }
        String reset = text(request, "auto.offset.reset", RestProxyException.INVALID_CONSUMER_SETTINGS);
        if (reset != null && !Set.of("earliest", "latest", "none").contains(reset.toLowerCase(Locale.ROOT))) {
            throw invalidSetting("auto.offset.reset " + reset + " is not one of earliest, latest, none");
        }
        Boolean autoCommit = null;
        JsonNode commit = request.get("auto.commit.enable");
        if (commit != null && !commit.isNull()) {
            String value = commit.isBoolean() ? Boolean.toString(commit.getBooleanValue()) : commit.isString() ? commit.getStringValue() : "";
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw invalidSetting("auto.commit.enable must be true or false");
            }
            autoCommit = Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
        }
        Long minBytes = number(request, "fetch.min.bytes", RestProxyException.INVALID_CONSUMER_SETTINGS);
        Long timeout = number(request, "consumer.request.timeout.ms", RestProxyException.INVALID_CONSUMER_SETTINGS);
        if (minBytes != null && (minBytes < 0 || minBytes > Integer.MAX_VALUE)) {
            throw invalidSetting("fetch.min.bytes must be from 0 to " + Integer.MAX_VALUE);
        }
        if (timeout != null && (timeout < 0 || timeout > Integer.MAX_VALUE)) {
            throw invalidSetting("consumer.request.timeout.ms must be from 0 to " + Integer.MAX_VALUE);
        }
        return new Create(name, embedded, reset == null ? null : reset.toLowerCase(Locale.ROOT), autoCommit,
            minBytes == null ? null : minBytes.intValue(), timeout == null ? null : Duration.ofMillis(timeout));
    }

    /**
     * {@code POST subscription}: {@code {"topics": [..]}} or {@code {"topic_pattern": ".."}}.
     *
     * @throws RestProxyException 409 with 40903 when both are given (Confluent: mutually exclusive); 422 when neither
     *                            is, a topic is not a name, or the pattern is not a Java regular expression
     */
    static Subscription subscription(JsonMapper json, String body) {
        JsonNode request = object(json, body, Set.of("topics", "topic_pattern"), HttpStatus.UNPROCESSABLE_ENTITY.getCode());
        JsonNode topics = request.get("topics");
        String pattern = text(request, "topic_pattern", HttpStatus.UNPROCESSABLE_ENTITY.getCode());
        boolean named = topics != null && !topics.isNull();
        if (named && pattern != null) {
            throw RestProxyException.illegalState("Subscription to topics and to a topic_pattern are mutually exclusive: give one");
        }
        if (pattern != null) {
            try {
                return new Subscription(null, Pattern.compile(pattern));
            } catch (PatternSyntaxException e) {
                throw RestProxyException.malformed("topic_pattern is not a regular expression: " + e.getDescription());
            }
        }
        if (!named || !topics.isArray() || topics.size() == 0) {
            throw RestProxyException.malformed("Give topics, a non-empty array of topic names, or a topic_pattern");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < topics.size(); i++) {
            JsonNode topic = topics.get(i);
            if (!topic.isString() || topic.getStringValue().isBlank()) {
                throw RestProxyException.malformed("topics[" + i + "] must be a topic name");
            }
            names.add(topic.getStringValue());
        }
        return new Subscription(names, null);
    }

    /**
     * {@code {"partitions": [{"topic": .., "partition": ..}, ..]}}, as assignments, positions/beginning,
     * positions/end and {@code GET offsets} take it.
     *
     * @throws RestProxyException 422 naming the entry that is wrong
     */
    static List<TopicPartition> partitions(JsonMapper json, String body) {
        JsonNode request = object(json, body, Set.of("partitions"), HttpStatus.UNPROCESSABLE_ENTITY.getCode());
        JsonNode partitions = array(request, "partitions");
        List<TopicPartition> result = new ArrayList<>();
        for (int i = 0; i < partitions.size(); i++) {
            result.add(topicPartition(partitions.get(i), "partitions[" + i + "]", Set.of("topic", "partition")));
        }
        return result;
    }

    /**
     * {@code {"offsets": [{"topic": .., "partition": .., "offset": ..}, ..]}}, as {@code POST positions} and
     * {@code POST offsets} take it ({@code metadata} allowed, and ignored).
     *
     * @return each partition's offset, in the request's order
     * @throws RestProxyException 422 naming the entry that is wrong, or a negative offset
     */
    static Map<TopicPartition, Long> offsets(JsonMapper json, String body) {
        JsonNode request = object(json, body, Set.of("offsets"), HttpStatus.UNPROCESSABLE_ENTITY.getCode());
        JsonNode offsets = array(request, "offsets");
        Map<TopicPartition, Long> result = new LinkedHashMap<>();
        for (int i = 0; i < offsets.size(); i++) {
            String where = "offsets[" + i + "]";
            JsonNode entry = offsets.get(i);
            TopicPartition tp = topicPartition(entry, where, Set.of("topic", "partition", "offset", "metadata"));
            Long offset = number(entry, "offset", HttpStatus.UNPROCESSABLE_ENTITY.getCode());
            if (offset == null || offset < 0) {
                throw RestProxyException.malformed(where + ".offset must be an offset, 0 or more");
            }
            result.put(tp, offset);
        }
        return result;
    }

    /** @return true when the body holds nothing but whitespace or {@code {}}: commit everything answered */
    static boolean isEmpty(JsonMapper json, String body) {
        return body.isBlank() || object(json, body, Set.of("offsets"), HttpStatus.UNPROCESSABLE_ENTITY.getCode()).size() == 0;
    }

    private static TopicPartition topicPartition(JsonNode entry, String where, Set<String> fields) {
        if (!entry.isObject()) {
            throw RestProxyException.malformed(where + " must be an object with topic and partition");
        }
        unknownFields(entry, fields, where + ": ", HttpStatus.UNPROCESSABLE_ENTITY.getCode());
        JsonNode topic = entry.get("topic");
        if (topic == null || !topic.isString() || topic.getStringValue().isBlank()) {
            throw RestProxyException.malformed(where + ".topic must be a topic name");
        }
        Long partition = number(entry, "partition", HttpStatus.UNPROCESSABLE_ENTITY.getCode());
        if (partition == null || partition < 0 || partition > Integer.MAX_VALUE) {
            throw RestProxyException.malformed(where + ".partition must be a partition number");
        }
        return new TopicPartition(topic.getStringValue(), partition.intValue());
    }

    private static JsonNode object(JsonMapper json, String body, Set<String> fields, int errorCode) {
        JsonNode request;
        try {
            request = json.readValue(body, Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            throw refused(errorCode, "Request body is not JSON: " + Failures.rootMessage(e));
        }
        if (request == null || !request.isObject()) {
            throw refused(errorCode, "Request body must be a JSON object");
        }
        unknownFields(request, fields, "", errorCode);
        return request;
    }

    private static void unknownFields(JsonNode object, Set<String> fields, String where, int errorCode) {
        for (Map.Entry<String, JsonNode> entry : object.entries()) {
            if (!fields.contains(entry.getKey())) {
                throw refused(errorCode, where + "Unrecognized field: " + entry.getKey() + " (known: " + String.join(", ",
                    fields.stream().sorted().toList()) + ")");
            }
        }
    }

    private static JsonNode array(JsonNode request, String field) {
        JsonNode array = request.get(field);
        if (array == null || !array.isArray()) {
            throw RestProxyException.malformed(field + " must be an array");
        }
        return array;
    }

    private static @Nullable String text(JsonNode request, String field, int errorCode) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw refused(errorCode, field + " must be a string");
        }
        return value.getStringValue();
    }

    /** A whole number, as a JSON number or a string of digits; null when absent. */
    private static @Nullable Long number(JsonNode request, String field, int errorCode) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (value.isString()) {
                return Long.parseLong(value.getStringValue().trim());
            }
            if (value.isNumber()) {
                double number = value.getDoubleValue();
                if (number == Math.rint(number) && Math.abs(number) < 9.0e15) {
                    return value.getLongValue();
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal, which names the field
        }
        throw refused(errorCode, field + " must be a whole number");
    }

    private static RestProxyException invalidSetting(String message) {
        return refused(RestProxyException.INVALID_CONSUMER_SETTINGS, message);
    }

    private static RestProxyException refused(int errorCode, String message) {
        return new RestProxyException(HttpStatus.UNPROCESSABLE_ENTITY, errorCode, message);
    }
}
