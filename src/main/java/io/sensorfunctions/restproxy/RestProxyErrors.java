package io.sensorfunctions.restproxy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import io.sensorfunctions.http.PathErrorShape;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Confluent REST Proxy's error shape, {@code {"error_code": 40401, "message": ".."}} in
 * {@code application/vnd.kafka.v2+json}, and the paths that answer in it: the proxy's resources, whichever functions
 * run, so that a v2 client gets an error it can parse for a path or method nothing serves (Confluent's Jersey server
 * words those {@code "HTTP 404 Not Found"}).
 */
@Singleton
public final class RestProxyErrors implements PathErrorShape {

    /** Confluent's error body. */
    @Serdeable
    record ErrorResponse(@JsonProperty("error_code") int errorCode, String message) {
    }

    private static final List<String> RESOURCES = List.of("/brokers", "/topics", "/consumers");

    @Override
    public boolean covers(String path) {
        return RESOURCES.stream().anyMatch(resource -> path.equals(resource) || path.startsWith(resource + "/"));
    }

    @Override
    public MutableHttpResponse<?> answer(HttpStatus status, String reason) {
        return answer(status, status.getCode(), "HTTP " + status.getCode() + " " + status.getReason() + ": " + reason);
    }

    /** @return the answer in Confluent's shape and the v2 media type */
    static MutableHttpResponse<?> answer(HttpStatus status, int errorCode, String message) {
        return HttpResponse.status(status).contentType(KafkaMediaTypes.V2_JSON).body(new ErrorResponse(errorCode, message));
    }

    /** @return the refusal in Confluent's shape, with its status and code */
    public static MutableHttpResponse<?> answer(RestProxyException e) {
        return answer(e.status(), e.errorCode(), e.getMessage());
    }
}
