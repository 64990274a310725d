package io.sensorfunctions.trigger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.sensorfunctions.function.EventFunction;
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
 * answers 202 with the burst's progress and a {@code Location}; {@code GET /produce/{id}} reports progress. A bad body
 * gets 400 {@code {"field": .., "error": ..}} and produces nothing.
 */
@Controller("/produce")
@RequiresFunction(EventFunction.TRIGGER)
@ExecuteOn(TaskExecutors.BLOCKING)
class ProduceController {

    private final ProduceRequestParser parser;
    private final Bursts bursts;
    private final KafkaClusterHealthIndicator kafka;

    ProduceController(JsonMapper json, Validator validator, TriggerConfiguration limits, Bursts bursts,
                      KafkaClusterHealthIndicator kafka) {
        this.parser = new ProduceRequestParser(json, validator, limits);
        this.bursts = bursts;
        this.kafka = kafka;
    }

    @ApiResponse(responseCode = "202", description = "the burst started; Location is its progress",
        content = @Content(schema = @Schema(implementation = Burst.Progress.class)))
    @ApiResponse(responseCode = "400", description = "a bad body, naming the field; nothing is produced",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @Secured(Roles.OPERATOR)
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<Burst.Progress> produce(@RequestBody(required = true, description = "the burst",
        content = @Content(schema = @Schema(implementation = ProduceRequest.class))) @Nullable @Body String body) {
        ProduceRequest request = parser.parse(body);
        requireKafka();
        Burst.Progress accepted = bursts.start(request);
        return HttpResponse.<Burst.Progress>accepted(URI.create("/produce/" + accepted.id())).body(accepted);
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

    /** 429 while {@code trigger.max-running} bursts run, 503 while the instance shuts down; nothing was produced. */
    @Error(exception = BurstRefusedException.class)
    HttpResponse<ErrorBody> refused(BurstRefusedException e) {
        HttpStatus status = switch (e.reason()) {
            case TOO_MANY_RUNNING -> HttpStatus.TOO_MANY_REQUESTS;
            case SHUTTING_DOWN -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        return ErrorBody.answer(status, null, e.getMessage());
    }

    @Get("/{id}")
    HttpResponse<?> progress(String id) {
        return bursts.find(id).<HttpResponse<?>>map(burst -> HttpResponse.ok(burst.progress()))
            .orElseGet(() -> HttpResponse.notFound(new ErrorBody("id", "no burst with id " + id)));
    }
}
