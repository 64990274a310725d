package io.sensorfunctions.registry;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.sensorfunctions.Function;
import io.sensorfunctions.RequiresFunction;
import io.sensorfunctions.registry.SchemaRegistryApi.ErrorResponse;
import io.sensorfunctions.registry.SchemaRegistryApi.IdResponse;
import io.sensorfunctions.registry.SchemaRegistryApi.SchemaRequest;
import io.sensorfunctions.registry.SchemaRegistryApi.SchemaResponse;
import io.sensorfunctions.registry.SchemaRegistryApi.VersionResponse;

import java.util.List;

/**
 * The registry function: the Confluent Schema Registry REST API at the root paths its clients use. This is the subset
 * serializers need (register, lookup, get by id, list subjects and versions); answers and error codes follow
 * Confluent's API reference.
 */
@Controller
@RequiresFunction(Function.REGISTRY)
@Consumes({SchemaRegistryApi.V1_JSON, SchemaRegistryApi.JSON, MediaType.APPLICATION_JSON})
@Produces(SchemaRegistryApi.V1_JSON)
class SchemaRegistryController {

    private final SchemaRegistryService registry;

    SchemaRegistryController(SchemaRegistryService registry) {
        this.registry = registry;
    }

    @Post("/subjects/{subject}/versions")
    IdResponse register(String subject, @Body SchemaRequest request) {
        return new IdResponse(registry.register(subject, request).id());
    }

    @Post("/subjects/{subject}")
    VersionResponse lookup(String subject, @Body SchemaRequest request) {
        return VersionResponse.of(registry.lookup(subject, request));
    }

    @Get("/schemas/ids/{id}")
    SchemaResponse schemaById(int id) {
        return new SchemaResponse(registry.schema(id));
    }

    @Get("/subjects")
    List<String> subjects() {
        return registry.subjects();
    }

    @Get("/subjects/{subject}/versions")
    List<Integer> versions(String subject) {
        return registry.versions(subject);
    }

    @Get("/subjects/{subject}/versions/{version}")
    VersionResponse version(String subject, String version) {
        return VersionResponse.of(registry.version(subject, version));
    }

    @Error
    HttpResponse<ErrorResponse> error(HttpRequest<?> request, RegistryException e) {
        return HttpResponse.<ErrorResponse>status(e.status())
            .contentType(SchemaRegistryApi.V1_JSON)
            .body(new ErrorResponse(e.errorCode(), e.getMessage()));
    }
}
