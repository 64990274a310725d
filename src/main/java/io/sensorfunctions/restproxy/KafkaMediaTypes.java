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
public final class KafkaMediaTypes {

    /** What the proxy answers in. */
    public static final String V2_JSON = "application/vnd.kafka.v2+json";

    /** The embedded formats of produced and consumed records this proxy speaks. */
    public enum EmbeddedFormat {
        BINARY, JSON, AVRO;

        /** @return the name in media types and request bodies: {@code binary}, {@code json}, {@code avro} */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return the v2 media type of records in this format, such as {@code application/vnd.kafka.avro.v2+json} */
        public String mediaType() {
            return "application/vnd.kafka." + id() + ".v2+json";
        }
    }

    private static final Pattern KAFKA = Pattern.compile("application/vnd\\.kafka(?:\\.([a-z]+))?(?:\\.(v[12]))?\\+json");

    private KafkaMediaTypes() {
    }

    /**
     * @param contentType a produce's {@code Content-Type}, parameters such as {@code charset} allowed
     * @return the embedded format it names, binary when it names none
     * @throws RestProxyException 415 naming the type when it is missing, not one of the proxy's, or names an embedded
     *                            format this proxy does not speak (protobuf, jsonschema)
     */
    public static EmbeddedFormat embeddedFormat(String contentType) {
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
    public static void checkAccept(String accept) {
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

    /**
     * Checks that a client reading records takes them in the consumer instance's format: an {@code Accept} that is
     * absent, or lists {@code * / *}, {@code application/*}, {@code application/json}, a Kafka type naming no
     * embedded format, or one naming the instance's.
     *
     * @param accept   the {@code GET records} request's {@code Accept}
     * @param instance the format the instance was created with
     * @throws RestProxyException 406 with 40601 when the header names only other embedded formats (Confluent's
     *                            "format mismatch"); 406 naming the header when it names nothing this proxy answers
     */
    public static void checkRecordsAccept(String accept, EmbeddedFormat instance) {
        if (accept == null || accept.isBlank()) {
            return;
        }
        String other = null;
        for (String range : accept.split(",")) {
            String type = essence(range);
            Matcher matcher = KAFKA.matcher(type);
            if (matcher.matches() && matcher.group(1) != null) {
                if (matcher.group(1).equals(instance.id())) {
                    return;
                }
                other = matcher.group(1);
            } else if (type.equals("*/*") || type.equals("application/*") || type.equals("application/json") || matcher.matches()) {
                return;
            }
        }
        if (other != null) {
            throw new RestProxyException(HttpStatus.NOT_ACCEPTABLE, RestProxyException.UNSUPPORTED_FORMAT, "Consumer format "
                + instance.id() + " does not match the embedded format " + other + " requested; ask for " + instance.mediaType());
        }
        checkAccept(accept);
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
