package io.sensorfunctions.testkit;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The REST proxy's wire, through the JDK's HTTP client rather than Micronaut's, so that tests see the exact status,
 * headers and bodies a curl or a Python script sees. Any method may carry a body (Confluent's {@code GET offsets}
 * does).
 */
public final class RestClient {

    public static final String V2 = "application/vnd.kafka.v2+json";
    public static final String BINARY = "application/vnd.kafka.binary.v2+json";
    public static final String JSON = "application/vnd.kafka.json.v2+json";
    public static final String AVRO = "application/vnd.kafka.avro.v2+json";

    /** A response: its status, its Content-Type ("" when none) and its body. */
    public record Answer(int status, String contentType, String body) {

        /** @return Confluent's error_code in the body, or 0 when there is none */
        public int errorCode() {
            return body.matches("\\{\"error_code\":\\d+,.*") ? Integer.parseInt(body.replaceAll("\\{\"error_code\":(\\d+),.*", "$1")) : 0;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String authorization;

    public RestClient(URL base) {
        this(base.toString(), null);
    }

    /** @param authorization an Authorization header's value, or null for none */
    public RestClient(String base, String authorization) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.authorization = authorization;
    }

    public Answer get(String path, String accept) {
        return send("GET", path, null, accept, null);
    }

    public Answer post(String path, String contentType, String body) {
        return send("POST", path, contentType, null, body);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null, null, null);
    }

    /**
     * @param contentType null for none
     * @param accept      null for none
     * @param body        null for none
     */
    public Answer send(String method, String path, String contentType, String accept, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
    }
}
