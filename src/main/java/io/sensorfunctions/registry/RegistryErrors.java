package io.sensorfunctions.registry;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.sensorfunctions.registry.SchemaRegistryApi.ErrorResponse;

import java.util.List;

/**
 * Confluent's error shape, {@code {"error_code": 40401, "message": ".."}} in {@code application/vnd.schemaregistry.v1+json}
 * (Confluent docs, "Schema Registry API Reference", Errors), and the paths that answer in it: the registry's own
 * resources, whichever functions run. Registry clients probe newer endpoints ({@code /contexts}, {@code /mode}, ...)
 * and fall back on a 404 they can parse, so an unknown path under these answers in this shape too.
 */
public final class RegistryErrors {

    /** The top-level resources of Confluent's API; we serve a subset (see SchemaRegistryController). */
    private static final List<String> RESOURCES = List.of("/subjects", "/schemas", "/config", "/mode", "/compatibility",
        "/contexts", "/exporters", "/dek-registry");

    private RegistryErrors() {
    }

    /** @return whether {@code path} lies under one of Confluent's registry resources */
    public static boolean serves(String path) {
        return RESOURCES.stream().anyMatch(resource -> path.equals(resource) || path.startsWith(resource + "/"));
    }

    /**
     * @param status    the HTTP status
     * @param errorCode Confluent's error code: the status itself, or a finer one such as 40401 (subject not found)
     * @param message   what is wrong
     * @return the answer in Confluent's shape and media type
     */
    public static MutableHttpResponse<?> answer(HttpStatus status, int errorCode, String message) {
        return HttpResponse.status(status).contentType(SchemaRegistryApi.V1_JSON).body(new ErrorResponse(errorCode, message));
    }
}
