package io.sensorfunctions.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * The last resort for an exception no endpoint handles: 500 with an {@link ErrorBody} that names an incident id and
 * nothing else, and the full exception with that id in the log. Micronaut's own fallback answers
 * {@code "Internal Server Error: <exception message>"}, which can carry internal details (hosts, topic names, a
 * library's wording, or worse) to any caller. Exceptions with a handler of their own (a refused request, the
 * registry's errors, Micronaut's 4xx) keep it: Micronaut picks the most specific handler.
 */
@Produces
@Singleton
@Requires(classes = {Exception.class, ExceptionHandler.class})
class UnexpectedErrorHandler implements ExceptionHandler<Exception, HttpResponse<ErrorBody>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, Exception exception) {
        String incident = UUID.randomUUID().toString();
        LOG.error("Incident {}: {} {} failed", incident, request.getMethodName(), request.getPath(), exception);
        return HttpResponse.<ErrorBody>status(HttpStatus.INTERNAL_SERVER_ERROR)
            .body(new ErrorBody(null, "internal error, incident " + incident + "; the server log has the details"));
    }
}
