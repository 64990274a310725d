package io.sensorfunctions.reader;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.http.ErrorBody;
import io.sensorfunctions.http.InvalidRequestException;
import io.sensorfunctions.security.Roles;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Validator;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /readers/seek}: rewinds or advances the partitions this reader instance owns, the running-service form
 * of kafka-python's {@code seek}, {@code seek_to_beginning} and {@code assign} as the kafka-python notes in
 * docs/background.md use them (body: {@link SeekRequest}).
 * Answers 200 with what moved, once the poll thread applied it; 202 if no record arrived within 5 s to apply it on
 * (see {@link ReaderSeeks}); 400 naming the field for a bad target; 409 when this instance owns no partitions.
 */
@Controller("/readers/seek")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresFunction(EventFunction.READER)
class ReaderSeekController {

    private static final long WAIT_MS = 5000;

    @Serdeable
    record Applied(List<String> applied) {
    }

    @Serdeable
    record Pending(String status, String reason) {
    }

    private final SeekRequestParser parser;
    private final ReaderSeeks seeks;
    private final Assignments assignments;
    private final ReaderConfiguration configuration;

    ReaderSeekController(JsonMapper json, Validator validator, ReaderSeeks seeks, Assignments assignments,
                         ReaderConfiguration configuration) {
        this.parser = new SeekRequestParser(json, validator);
        this.seeks = seeks;
        this.assignments = assignments;
        this.configuration = configuration;
    }

    @ApiResponse(responseCode = "400", description = "a bad target, naming the field; nothing moves",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @Secured(Roles.OPERATOR)
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<?> seek(@RequestBody(required = true, description = "where this instance's partitions move",
        content = @Content(schema = @Schema(implementation = SeekRequest.class)))
                         @Nullable @Body String body) throws InterruptedException {
        SeekTarget target = parser.parse(body);
        List<Integer> owned = assignments.ownedPartitions();
        if (owned.isEmpty()) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(new ErrorBody(null, "this instance owns no partitions of group '"
                + configuration.groupId() + "', so there is nothing to seek; see GET /assignments"));
        }
        List<Integer> foreign = target.partitions().stream().filter(p -> !owned.contains(p)).toList();
        if (!foreign.isEmpty()) {
            throw new InvalidRequestException("offsets", "partitions " + foreign + " are not assigned to this instance; it owns " + owned);
        }
        try {
            return HttpResponse.ok(new Applied(seeks.request(target).get(WAIT_MS, TimeUnit.MILLISECONDS)));
        } catch (TimeoutException e) {
            return HttpResponse.accepted().body(new Pending("pending", "no record arrived within " + WAIT_MS
                + " ms to apply the seek on; it is applied after the next record this instance receives"));
        } catch (ExecutionException e) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(new ErrorBody(null, e.getCause().getMessage()));
        }
    }
}
