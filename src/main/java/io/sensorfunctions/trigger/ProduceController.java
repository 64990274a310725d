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
import io.sensorfunctions.ErrorBody;
import io.sensorfunctions.Function;
import io.sensorfunctions.RequiresFunction;

import java.net.URI;

/**
 * The trigger function. {@code POST /produce} with {@code {"events": n, "delayMs": d, "start": t}} starts a burst and
 * answers 202 with the run's progress and a {@code Location}; {@code GET /produce/{id}} reports progress. A bad body
 * gets 400 {@code {"field": .., "error": ..}} and produces nothing.
 */
@Controller("/produce")
@RequiresFunction(Function.TRIGGER)
class ProduceController {

    private final ProduceRequestParser parser;
    private final ProductionRuns runs;

    ProduceController(JsonMapper json, TriggerConfiguration limits, ProductionRuns runs) {
        this.parser = new ProduceRequestParser(json, limits);
        this.runs = runs;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<ProductionRun.Progress> produce(@Nullable @Body String body) {
        ProductionRun run = runs.start(parser.parse(body));
        return HttpResponse.<ProductionRun.Progress>accepted(URI.create("/produce/" + run.id())).body(run.progress());
    }

    @Get("/{id}")
    HttpResponse<?> progress(String id) {
        return runs.find(id).<HttpResponse<?>>map(run -> HttpResponse.ok(run.progress()))
            .orElseGet(() -> HttpResponse.notFound(new ErrorBody("id", "no burst with id " + id)));
    }
}
