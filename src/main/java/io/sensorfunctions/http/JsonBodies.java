package io.sensorfunctions.http;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The strict reading of our endpoints' JSON bodies that every request parser shares: the body must be one JSON
 * object with known fields only, and whole numbers are checked exactly, so that {@code 9223372036854775808} is out
 * of range rather than wrapped to {@code Long.MIN_VALUE}, and {@code 1.5} or {@code 1e400} are refused. The parsers
 * then build the endpoint's typed request record, whose jakarta constraints (the rules the OpenAPI document shows)
 * {@link #valid} checks.
 *
 * <p>Hand-written because binding the body straight to the record is lenient: micronaut-serde 2.x reads
 * {@code "10"}, {@code true}, {@code 2.5} and {@code [1]} all as a long (10, 1, 2, 1), with no setting to refuse
 * them before micronaut-serde 3.2's coercion settings, which need Micronaut 5.
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    /**
     * @param json    the mapper
     * @param body    the request body, possibly null or blank
     * @param fields  the field names allowed
     * @param example a valid body, quoted in the error for an empty one
     * @return the body's JSON object
     * @throws InvalidRequestException for an empty body, invalid JSON, a non-object or an unknown field (named)
     */
    public static JsonNode object(JsonMapper json, String body, Set<String> fields, String example) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException(null, "body is empty; send a JSON object such as " + example);
        }
        JsonNode root;
        try {
            root = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("unreadable");
            throw new InvalidRequestException(null, "body is not valid JSON: " + message);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException(null, "body must be a JSON object such as " + example);
        }
        for (var entry : root.entries()) {
            if (!fields.contains(entry.getKey())) {
                throw new InvalidRequestException(entry.getKey(), "unknown field; allowed are " + String.join(", ", fields.stream().sorted().toList()));
            }
        }
        return root;
    }

    /**
     * @param node  the field's value; null when the field is absent
     * @param field the field's name, for errors
     * @param min   smallest value allowed
     * @param max   largest value allowed
     * @return the value, exactly
     * @throws InvalidRequestException naming the field when it is absent, not a number, not whole, or out of range
     */
    public static long wholeNumber(JsonNode node, String field, long min, long max) {
        if (node == null || node.isNull()) {
            throw new InvalidRequestException(field, "is required");
        }
        if (!node.isNumber()) {
            throw new InvalidRequestException(field, "must be a number, got " + describe(node));
        }
        Number number = node.getNumberValue();
        if (number instanceof Double d && !Double.isFinite(d) || number instanceof Float f && !Float.isFinite(f)) {
            throw new InvalidRequestException(field, "must be at most " + max + ", got a number beyond double range");
        }
        BigDecimal value = new BigDecimal(number.toString());
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            throw new InvalidRequestException(field, "must be a whole number, got " + node.coerceStringValue());
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0) {
            throw new InvalidRequestException(field, (min == 0 ? "must not be negative" : "must be at least " + min)
                + ", got " + node.coerceStringValue());
        }
        if (value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new InvalidRequestException(field, "must be at most " + max + ", got " + node.coerceStringValue());
        }
        return value.longValueExact();
    }

    /**
     * @param node  the field's value; null when the field is absent
     * @param field the field's name, for errors
     * @return the value, exactly, or null when the field is absent or null
     * @throws InvalidRequestException naming the field when it is not a whole number that fits a long
     */
    public static Long optionalWholeNumber(JsonNode node, String field) {
        return node == null || node.isNull() ? null : wholeNumber(node, field, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * Checks a typed request against its jakarta constraints.
     *
     * @param validator Micronaut's validator
     * @param request   a request record
     * @return the request, when it breaks no constraint
     * @throws InvalidRequestException for the first constraint broken, in the record's field order, naming the field
     *                                 (the top-level one, for a list element or map value), the rule and the value
     */
    public static <T extends Record> T valid(Validator validator, T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (violations.isEmpty()) {
            return request;
        }
        List<String> order = Arrays.stream(request.getClass().getRecordComponents()).map(RecordComponent::getName).toList();
        ConstraintViolation<T> first = violations.stream()
            .min(Comparator.comparingInt((ConstraintViolation<T> v) -> order.indexOf(field(v.getPropertyPath())))
                .thenComparing(v -> v.getPropertyPath().toString()))
            .orElseThrow();
        throw new InvalidRequestException(field(first.getPropertyPath()), first.getMessage() + ", got " + first.getInvalidValue());
    }

    private static String field(Path path) {
        for (Path.Node node : path) {
            if (node.getName() != null && !node.getName().isEmpty()) {
                return node.getName();
            }
        }
        return path.toString();
    }

    /** @return a scalar's text, or "an array" / "an object", for error messages */
    public static String describe(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.coerceStringValue();
    }
}
