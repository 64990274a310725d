package io.sensorfunctions.deadletter;

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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.sensorfunctions.http.ErrorBody;
import io.sensorfunctions.http.InvalidRequestException;
import io.sensorfunctions.security.Roles;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Validator;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dead-letter tools, on every instance:
 * <ul>
 *   <li>{@code GET /dlt?limit=N}: this instance's failure counts per listener function, and per dead-letter topic
 *       its record count and newest {@code N} records (default {@code dead-letter.recent}, 1 to 1000) with headers;</li>
 *   <li>{@code POST /dlt/replay} with {@code {"partition": 0, "offsets": [3, 4]}} (and optionally {@code "topic"},
 *       by default the readings' dead-letter topic): writes those records back to the topic and partition they came
 *       from, once the cause is fixed. 200 with where each went; 400 naming the field for a bad body; 404 when an
 *       offset holds no record (nothing replayed then); 415 for a body that is not {@code application/json}.</li>
 * </ul>
 */
@Controller("/dlt")
@ExecuteOn(TaskExecutors.BLOCKING)
class DeadLetterController {

    /**
     * @param listeners this instance's listener functions' counts and state
     * @param topics    the dead-letter topics' contents
     */
    @Serdeable
    record Overview(Map<String, Object> listeners, List<DeadLetterRecords.Contents> topics) {
    }

    /** @param replayed one line per record replayed, in the order asked */
    @Serdeable
    record ReplayResult(List<DeadLetterRecords.Replayed> replayed) {
    }

    private static final int MAX_LIMIT = 1000;

    private final DeadLetterRecords topics;
    private final DeadLetterSources sources;
    private final DeadLetterConfiguration configuration;
    private final ReplayRequestParser parser;

    DeadLetterController(DeadLetterRecords topics, DeadLetterSources sources, DeadLetterConfiguration configuration, JsonMapper json,
                         Validator validator) {
        this.topics = topics;
        this.sources = sources;
        this.configuration = configuration;
        this.parser = new ReplayRequestParser(json, validator);
    }

    @Get
    Overview overview(@Nullable @QueryValue String limit) {
        int newest = configuration.recent();
        if (limit != null) {
            try {
                newest = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                newest = -1;
            }
            if (newest < 1 || newest > MAX_LIMIT) {
                throw new InvalidRequestException("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", got " + limit);
            }
        }
        int n = newest;
        Map<String, Object> listeners = new TreeMap<>(sources.snapshots());
        return new Overview(listeners, topics.topics().stream().map(topic -> topics.browse(topic, n)).toList());
    }

    @ApiResponse(responseCode = "400", description = "a bad body, naming the field; nothing is replayed",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @Secured(Roles.OPERATOR)
    @Post("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    ReplayResult replay(@RequestBody(required = true, description = "the dead-lettered records to replay",
        content = @Content(schema = @Schema(implementation = ReplayRequest.class))) @Nullable @Body String body) {
        ReplayRequest request = parser.parse(body, topics.topics());
        return new ReplayResult(topics.replay(request.topic(), request.partition(), request.offsets()));
    }

    /** 404 naming the field when a replay names a partition or offset that holds no record; nothing was replayed. */
    @Error(exception = NoSuchRecordException.class)
    HttpResponse<ErrorBody> noSuchRecord(NoSuchRecordException e) {
        return ErrorBody.answer(HttpStatus.NOT_FOUND, e.field(), e.getMessage());
    }
}
