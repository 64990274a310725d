package io.sensorfunctions.trigger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.sensorfunctions.function.Function;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.http.ErrorBody;
import io.sensorfunctions.http.RequestRefusedException;
import io.sensorfunctions.security.Roles;
import io.sensorfunctions.topics.KafkaClusterHealthIndicator;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Validator;

import java.net.URI;

/**
 * The trigger function. {@code POST /produce} with {@code {"events": n, "delayMs": d, "start": t}} starts a burst and
 * answers 202 with the run's progress and a {@code Location}; {@code GET /produce/{id}} reports progress. A bad body
 * gets 400 {@code {"field": .., "error": ..}} and produces nothing.
 */
@Controller("/produce")
@RequiresFunction(Function.TRIGGER)
@ExecuteOn(TaskExecutors.BLOCKING)
class ProduceController {

    private final ProduceRequestParser parser;
    private final ProductionRuns runs;
    private final KafkaClusterHealthIndicator kafka;

    ProduceController(JsonMapper json, Validator validator, TriggerConfiguration limits, ProductionRuns runs,
                      KafkaClusterHealthIndicator kafka) {
        this.parser = new ProduceRequestParser(json, validator, limits);
        this.runs = runs;
        this.kafka = kafka;
    }

    @ApiResponse(responseCode = "202", description = "the burst started; Location is its progress",
        content = @Content(schema = @Schema(implementation = ProductionRun.Progress.class)))
    @ApiResponse(responseCode = "400", description = "a bad body, naming the field; nothing is produced",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @Secured(Roles.OPERATOR)
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<ProductionRun.Progress> produce(@RequestBody(required = true, description = "the burst",
        content = @Content(schema = @Schema(implementation = ProduceRequest.class))) @Nullable @Body String body) {
        ProduceRequest request = parser.parse(body);
        requireKafka();
        ProductionRun.Progress accepted = runs.start(request);
        return HttpResponse.<ProductionRun.Progress>accepted(URI.create("/produce/" + accepted.id())).body(accepted);
    }

    /**
     * A burst accepted while no broker answers would only fail record by record, so it is refused up front: 503 within
     * {@code kafka.health-timeout} rather than a 202 for a burst that cannot be produced.
     */
    private void requireKafka() {
        String unavailable = kafka.unavailable();
        if (unavailable != null) {
            throw new RequestRefusedException(503, null, "Kafka is unavailable (" + unavailable + "); nothing was produced. "
                + "Try again when /health shows kafka UP.");
        }
    }

    @Get("/{id}")
    HttpResponse<?> progress(String id) {
        return runs.find(id).<HttpResponse<?>>map(run -> HttpResponse.ok(run.progress()))
            .orElseGet(() -> HttpResponse.notFound(new ErrorBody("id", "no burst with id " + id)));
    }
}
