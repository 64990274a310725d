package io.sensorfunctions.restproxy;

import io.micronaut.http.HttpStatus;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST proxy's content negotiation (Confluent docs, "Confluent REST Proxy API Reference", Content Types):
 * {@code application/vnd.kafka[.embedded_format].[api_version]+[serialization_format]}, with v1 and v2, json as the
 * only serialization format, and {@code application/vnd.kafka+json}, {@code application/json} and
 * {@code application/octet-stream} accepted for compatibility; an embedded format left out means binary.
 */
final class KafkaMediaTypes {

    /** What the proxy answers in. */
    static final String V2_JSON = "application/vnd.kafka.v2+json";

    /** The embedded formats of produced and consumed records this proxy speaks. */
    enum EmbeddedFormat { BINARY, JSON, AVRO }

    private static final Pattern KAFKA = Pattern.compile("application/vnd\\.kafka(?:\\.([a-z]+))?(?:\\.(v[12]))?\\+json");

    private KafkaMediaTypes() {
    }

    /**
     * @param contentType a produce's {@code Content-Type}, parameters such as {@code charset} allowed
     * @return the embedded format it names, binary when it names none
     * @throws RestProxyException 415 naming the type when it is missing, not one of the proxy's, or names an embedded
     *                            format this proxy does not speak (protobuf, jsonschema)
     */
    static EmbeddedFormat embeddedFormat(String contentType) {
        String type = essence(contentType);
        if (type.equals("application/json") || type.equals("application/octet-stream")) {
            return EmbeddedFormat.BINARY;
        }
        Matcher matcher = KAFKA.matcher(type);
        if (!matcher.matches()) {
            throw unsupported("Content-Type " + (type.isEmpty() ? "missing" : type) + " is not a Kafka REST type; use "
                + "application/vnd.kafka.binary.v2+json, application/vnd.kafka.json.v2+json or application/vnd.kafka.avro.v2+json");
        }
        String format = matcher.group(1);
        if (format == null) {
            return EmbeddedFormat.BINARY;
        }
        return switch (format) {
            case "binary" -> EmbeddedFormat.BINARY;
            case "json" -> EmbeddedFormat.JSON;
            case "avro" -> EmbeddedFormat.AVRO;
            default -> throw unsupported("Embedded format " + format + " is not supported here; binary, json and avro are");
        };
    }

    /**
     * Checks that a client takes the proxy's answers: an {@code Accept} header that is absent, or lists
     * {@code * / *}, {@code application/*}, {@code application/json} or any {@code application/vnd.kafka...+json}.
     *
     * @throws RestProxyException 406 naming the header otherwise
     */
    static void checkAccept(String accept) {
        if (accept == null || accept.isBlank()) {
            return;
        }
        for (String range : accept.split(",")) {
            String type = essence(range);
            if (type.equals("*/*") || type.equals("application/*") || type.equals("application/json")
                || KAFKA.matcher(type).matches()) {
                return;
            }
        }
        throw new RestProxyException(HttpStatus.NOT_ACCEPTABLE, HttpStatus.NOT_ACCEPTABLE.getCode(), "Accept " + accept.trim()
            + " does not include " + V2_JSON + " or application/json, which this proxy answers in");
    }

    private static String essence(String mediaType) {
        if (mediaType == null) {
            return "";
        }
        int parameters = mediaType.indexOf(';');
        return (parameters < 0 ? mediaType : mediaType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }

    private static RestProxyException unsupported(String message) {
        return new RestProxyException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(), message);
    }
}
