package io.sensorfunctions.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.registry.SchemaRegistryApi.CompatibilityResponse;
import io.sensorfunctions.registry.SchemaRegistryApi.ConfigResponse;
import io.sensorfunctions.registry.SchemaRegistryApi.ConfigUpdate;
import io.sensorfunctions.registry.SchemaRegistryApi.IdResponse;
import io.sensorfunctions.registry.SchemaRegistryApi.ModeResponse;
import io.sensorfunctions.registry.SchemaRegistryApi.SchemaRequest;
import io.sensorfunctions.registry.SchemaRegistryApi.SchemaResponse;
import io.sensorfunctions.registry.SchemaRegistryApi.SubjectVersionResponse;
import io.sensorfunctions.registry.SchemaRegistryApi.VersionResponse;
import io.sensorfunctions.security.Roles;

import java.util.List;

/**
 * The registry function: the Confluent Schema Registry REST API at the root paths its clients use, with Confluent's
 * shapes and error codes (Confluent docs, "Schema Registry API Reference"). Query parameters this registry has no
 * use for ({@code normalize}, {@code fetchMaxId}, {@code format}, ...) are accepted and ignored.
 *
 * <p>With {@code micronaut.security.enabled}, its reads (every route without an {@code @Secured} of its own, the two
 * read-only POSTs included) answer as {@code security.read-access} says; what changes the store needs
 * {@link Roles#OPERATOR}.
 */
@Controller
@Secured("${security.read-access}")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresFunction(EventFunction.REGISTRY)
@Consumes({SchemaRegistryApi.V1_JSON, SchemaRegistryApi.JSON, MediaType.APPLICATION_JSON})
@Produces(SchemaRegistryApi.V1_JSON)
class SchemaRegistryController {

    /** The only mode: this registry has no IMPORT or READONLY mode. */
    private static final ModeResponse READWRITE = new ModeResponse("READWRITE");

    private final SchemaRegistryService registry;

    SchemaRegistryController(SchemaRegistryService registry) {
        this.registry = registry;
    }

    @Secured(Roles.OPERATOR)
    @Post("/subjects/{subject}/versions")
    IdResponse register(String subject, @Body SchemaRequest request) {
        return new IdResponse(registry.register(subject, request).id());
    }

    @Post("/subjects/{subject}")
    VersionResponse lookup(String subject, @Body SchemaRequest request, @QueryValue(defaultValue = "false") boolean deleted) {
        return VersionResponse.of(registry.lookup(subject, request, deleted));
    }

    @Get("/schemas/ids/{id}")
    SchemaResponse schemaById(int id) {
        return new SchemaResponse(registry.schema(id));
    }

    @Get("/schemas/ids/{id}/schema")
    String rawSchemaById(int id) {
        return registry.schema(id);
    }

    @Get("/schemas/ids/{id}/versions")
    List<SubjectVersionResponse> versionsById(int id, @QueryValue(defaultValue = "false") boolean deleted) {
        return registry.versionsOf(id, deleted).stream().map(SubjectVersionResponse::of).toList();
    }

    @Get("/schemas/ids/{id}/subjects")
    List<String> subjectsById(int id, @QueryValue(defaultValue = "false") boolean deleted) {
        return registry.versionsOf(id, deleted).stream().map(SchemaStoreView.SubjectVersion::subject).distinct().toList();
    }

    @Get("/schemas/types")
    List<String> schemaTypes() {
        return List.of("AVRO");
    }

    @Get("/subjects")
    List<String> subjects(@QueryValue(defaultValue = "false") boolean deleted) {
        return registry.subjects(deleted);
    }

    @Get("/subjects/{subject}/versions")
    List<Integer> versions(String subject, @QueryValue(defaultValue = "false") boolean deleted) {
        return registry.versions(subject, deleted);
    }

    @Get("/subjects/{subject}/versions/{version}")
    VersionResponse version(String subject, String version, @QueryValue(defaultValue = "false") boolean deleted) {
        return VersionResponse.of(registry.version(subject, version, deleted));
    }

    @Get("/subjects/{subject}/versions/{version}/schema")
    String rawSchema(String subject, String version, @QueryValue(defaultValue = "false") boolean deleted) {
        return registry.version(subject, version, deleted).schema();
    }

    @Secured(Roles.OPERATOR)
    @Delete("/subjects/{subject}")
    List<Integer> deleteSubject(String subject, @QueryValue(defaultValue = "false") boolean permanent) {
        return registry.deleteSubject(subject, permanent);
    }

    @Secured(Roles.OPERATOR)
    @Delete("/subjects/{subject}/versions/{version}")
    int deleteVersion(String subject, String version, @QueryValue(defaultValue = "false") boolean permanent) {
        return registry.deleteVersion(subject, version, permanent);
    }

    @Post("/compatibility/subjects/{subject}/versions/{version}")
    CompatibilityResponse testCompatibility(String subject, String version, @Body SchemaRequest request,
                                            @QueryValue(defaultValue = "false") boolean verbose) {
        return answer(registry.testCompatibility(subject, version, request), verbose);
    }

    @Post("/compatibility/subjects/{subject}/versions")
    CompatibilityResponse testCompatibilityWithAll(String subject, @Body SchemaRequest request,
                                                   @QueryValue(defaultValue = "false") boolean verbose) {
        return answer(registry.testCompatibility(subject, null, request), verbose);
    }

    @Get("/config")
    ConfigResponse globalConfig() {
        return new ConfigResponse(registry.globalCompatibility().name());
    }

    @Secured(Roles.OPERATOR)
    @Put("/config")
    ConfigUpdate updateGlobalConfig(@Nullable @Body ConfigUpdate update) {
        return new ConfigUpdate(registry.configure(null, update == null ? null : update.compatibility()).name());
    }

    @Get("/config/{subject}")
    ConfigResponse subjectConfig(String subject, @QueryValue(defaultValue = "false") boolean defaultToGlobal) {
        return new ConfigResponse(registry.subjectCompatibility(subject, defaultToGlobal).name());
    }

    @Secured(Roles.OPERATOR)
    @Put("/config/{subject}")
    ConfigUpdate updateSubjectConfig(String subject, @Nullable @Body ConfigUpdate update) {
        return new ConfigUpdate(registry.configure(subject, update == null ? null : update.compatibility()).name());
    }

    @Secured(Roles.OPERATOR)
    @Delete("/config/{subject}")
    ConfigResponse deleteSubjectConfig(String subject) {
        return new ConfigResponse(registry.deleteSubjectCompatibility(subject).name());
    }

    @Get("/mode")
    ModeResponse mode() {
        return READWRITE;
    }

    @Get("/mode/{subject}")
    ModeResponse subjectMode(String subject) {
        return READWRITE;
    }

    private static CompatibilityResponse answer(SchemaRegistryService.Compatibility result, boolean verbose) {
        return new CompatibilityResponse(result.compatible(), verbose ? result.messages() : null);
    }

    /**
     * A body that is not JSON, or not the object an endpoint takes: 400 in Confluent's shape, naming the parser's
     * complaint. Micronaut raises one of these three depending on where decoding stops.
     */
    @Error(exception = ConversionErrorException.class)
    HttpResponse<?> unreadableBody(HttpRequest<?> request, ConversionErrorException e) {
        return RegistryErrors.answer(HttpStatus.BAD_REQUEST, 400, "The request body is not the JSON object " + request.getPath()
            + " takes: " + e.getMessage());
    }

    @Error(exception = JsonProcessingException.class)
    HttpResponse<?> unparsableBody(HttpRequest<?> request, JsonProcessingException e) {
        return RegistryErrors.answer(HttpStatus.BAD_REQUEST, 400, "The request body is not valid JSON: " + e.getOriginalMessage());
    }

    @Error(exception = JsonSyntaxException.class)
    HttpResponse<?> invalidJson(HttpRequest<?> request, JsonSyntaxException e) {
        return RegistryErrors.answer(HttpStatus.BAD_REQUEST, 400, "The request body is not valid JSON: " + e.getMessage());
    }

    @Error
    HttpResponse<?> error(HttpRequest<?> request, RegistryException e) {
        return RegistryErrors.answer(HttpStatus.valueOf(e.httpStatusCode()), e.errorCode(), e.getMessage());
    }
}
