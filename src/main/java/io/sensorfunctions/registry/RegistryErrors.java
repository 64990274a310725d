package io.sensorfunctions.registry;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.sensorfunctions.http.PathErrorShape;
import io.sensorfunctions.registry.SchemaRegistryApi.ErrorResponse;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Confluent's error shape, {@code {"error_code": 40401, "message": ".."}} in {@code application/vnd.schemaregistry.v1+json}
 * (Confluent docs, "Schema Registry API Reference", Errors), and the paths that answer in it: the registry's own
 * resources, whichever functions run (so this bean has no function condition). Registry clients probe newer endpoints
 * ({@code /contexts}, {@code /mode}, ...) and fall back on a 404 they can parse, so an unknown path under these
 * answers in this shape too: {@code "HTTP 404 Not Found: <reason>"}, as Confluent's Jersey server words it.
 */
@Singleton
final class RegistryErrors implements PathErrorShape {

    /** The top-level resources of Confluent's API; we serve a subset (see SchemaRegistryController). */
    private static final List<String> RESOURCES = List.of("/subjects", "/schemas", "/config", "/mode", "/compatibility",
        "/contexts", "/exporters", "/dek-registry");

    /** @return whether {@code path} lies under one of Confluent's registry resources */
    @Override
    public boolean covers(String path) {
        return RESOURCES.stream().anyMatch(resource -> path.equals(resource) || path.startsWith(resource + "/"));
    }

    /** @return the answer in Confluent's shape, its error code the HTTP status (40401 and such are the service's) */
    @Override
    public MutableHttpResponse<?> answer(HttpStatus status, String reason) {
        return answer(status, status.getCode(), "HTTP " + status.getCode() + " " + status.getReason() + ": " + reason);
    }

    /**
     * @param status    the HTTP status
     * @param errorCode Confluent's error code: the status itself, or a finer one such as 40401 (subject not found)
     * @param message   what is wrong
     * @return the answer in Confluent's shape and media type
     */
    static MutableHttpResponse<?> answer(HttpStatus status, int errorCode, String message) {
        return HttpResponse.status(status).contentType(SchemaRegistryApi.V1_JSON).body(new ErrorResponse(errorCode, message));
    }
}
