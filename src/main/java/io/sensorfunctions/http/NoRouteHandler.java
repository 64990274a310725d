package io.sensorfunctions.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.sensorfunctions.registry.RegistryErrors;

/**
 * Answers a path or method that no route serves: 404, or 405 for a known path with another method, never a 500.
 * Under the registry's paths in Confluent's shape (see {@link RegistryErrors}), on every other path with an
 * {@link ErrorBody}, whichever functions run, so a registry client pointed at an instance without the registry
 * function still gets an answer it can parse.
 */
@Controller
class NoRouteHandler {

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    HttpResponse<?> notFound(HttpRequest<?> request) {
        String reason = "no endpoint " + request.getMethodName() + " " + request.getPath();
        return RegistryErrors.serves(request.getPath())
            ? RegistryErrors.answer(HttpStatus.NOT_FOUND, 404, "HTTP 404 Not Found: " + reason)
            : HttpResponse.notFound(new ErrorBody(null, reason));
    }

    @Error(status = HttpStatus.METHOD_NOT_ALLOWED, global = true)
    HttpResponse<?> methodNotAllowed(HttpRequest<?> request) {
        String reason = request.getPath() + " does not take " + request.getMethodName();
        return RegistryErrors.serves(request.getPath())
            ? RegistryErrors.answer(HttpStatus.METHOD_NOT_ALLOWED, 405, "HTTP 405 Method Not Allowed: " + reason)
            : HttpResponse.status(HttpStatus.METHOD_NOT_ALLOWED).body(new ErrorBody(null, reason));
    }
}
