package io.sensorfunctions.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;

import java.util.List;

/**
 * Answers a path or method that no route serves: 404, or 405 for a known path with another method, never a 500. A
 * path that a feature's {@link PathErrorShape} covers answers in that feature's shape; every other path with an
 * {@link ErrorBody}.
 */
@Controller
class NoRouteHandler {

    private final List<PathErrorShape> shapes;

    NoRouteHandler(List<PathErrorShape> shapes) {
        this.shapes = shapes;
    }

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    HttpResponse<?> notFound(HttpRequest<?> request) {
        return answer(request, HttpStatus.NOT_FOUND, "no endpoint " + request.getMethodName() + " " + request.getPath());
    }

    @Error(status = HttpStatus.METHOD_NOT_ALLOWED, global = true)
    HttpResponse<?> methodNotAllowed(HttpRequest<?> request) {
        return answer(request, HttpStatus.METHOD_NOT_ALLOWED, request.getPath() + " does not take " + request.getMethodName());
    }

    private HttpResponse<?> answer(HttpRequest<?> request, HttpStatus status, String reason) {
        for (PathErrorShape shape : shapes) {
            if (shape.covers(request.getPath())) {
                return shape.answer(status, reason);
            }
        }
        return ErrorBody.answer(status, null, reason);
    }
}
