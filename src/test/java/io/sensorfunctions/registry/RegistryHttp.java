package io.sensorfunctions.registry;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.sensorfunctions.testkit.FunctionsInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A registry instance started on the test broker, and the HTTP calls Confluent's clients make to it: raw JSON bodies in
 * Confluent's content type.
 */
final class RegistryHttp implements AutoCloseable {

    static final String V1 = "application/vnd.schemaregistry.v1+json";
    static final String SENSOR = "{\"type\":\"record\",\"name\":\"sensor\",\"fields\":["
        + "{\"name\":\"timestamp\",\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},"
        + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"value\",\"type\":\"double\"}]}";
    /** {@link #SENSOR} plus an optional field with a default: compatible in every direction. */
    static final String SENSOR_V2 = SENSOR.replace("]}", ",{\"name\":\"unit\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final FunctionsInstance server;
    final BlockingHttpClient http;

    private RegistryHttp(FunctionsInstance server) {
        this.server = server;
        // A client from the server's context, so it has the codecs for Confluent's media types.
        this.http = server.http();
    }

    static RegistryHttp start(Map<String, Object> properties) {
        return new RegistryHttp(FunctionsInstance.start(properties));
    }

    ApplicationContext context() {
        return server.context();
    }

    @Override
    public void close() {
        server.close();
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpRequest<?> post(String path, String schema) {
        return HttpRequest.POST(path, json(Map.of("schema", schema))).contentType(V1);
    }

    int register(String subject, String schema) {
        return ((Number) map(post("/subjects/" + subject + "/versions", schema)).get("id")).intValue();
    }

    Map<String, Object> map(HttpRequest<?> request) {
        return http.retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    Map<String, Object> get(String path) {
        return map(HttpRequest.GET(path));
    }

    <T> List<T> list(String path, Class<T> type) {
        return http.retrieve(HttpRequest.GET(path), Argument.listOf(type));
    }

    /** Asserts Confluent's error answer: HTTP status and {@code {"error_code", "message"}}. */
    static void assertError(Runnable call, HttpStatus status, int errorCode) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(status.getCode());
            Map<?, ?> body = e.getResponse().getBody(Map.class).orElseThrow();
            assertThat(((Number) body.get("error_code")).intValue()).isEqualTo(errorCode);
            assertThat(body.get("message").toString()).isNotBlank();
        });
    }
}
