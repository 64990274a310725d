package io.sensorfunctions.dashboard;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.sse.Event;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live page: {@code GET /} serves it, {@code GET /dashboard/events} streams its updates as server-sent events
 * (one {@link LiveFeed.Update} per {@code dashboard.refresh}, the first with everything kept, then only what is new),
 * and {@code GET /dashboard/snapshot} answers the same data once, as JSON.
 */
@Controller
@RequiresFunction(EventFunction.DASHBOARD)
class DashboardController {

    private final LiveFeed feed;
    private final DashboardConfiguration configuration;
    private final String page;

    DashboardController(LiveFeed feed, DashboardConfiguration configuration) {
        this.feed = feed;
        this.configuration = configuration;
        try (InputStream in = DashboardController.class.getResourceAsStream("/public/index.html")) {
            if (in == null) {
                throw new IllegalStateException("public/index.html is missing from the classpath");
            }
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> page() {
        return HttpResponse.ok(page);
    }

    @Get("/dashboard/events")
    @Produces(MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<LiveFeed.Update>> events() {
        return Flux.defer(() -> {
            AtomicLong seen = new AtomicLong();
            return Flux.interval(Duration.ZERO, configuration.refresh()).map(tick -> {
                LiveFeed.Update update = feed.since(seen.get());
                seen.set(update.seq());
                return Event.of(update);
            });
        });
    }

    @Get("/dashboard/snapshot")
    LiveFeed.Update snapshot() {
        return feed.since(0);
    }
}
