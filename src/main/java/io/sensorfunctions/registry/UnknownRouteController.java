package io.sensorfunctions.registry;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.sensorfunctions.registry.SchemaRegistryApi.ErrorResponse;

/**
 * Answers a path or method that no route serves in Confluent's error shape, {@code {"error_code": 404, "message"}}
 * (405 for a known path with another method). Registry clients probe newer endpoints first and fall back on a 404, so
 * the answer must be a plain 404 they can parse, never a 500. Applies whichever functions run, so a client pointed at
 * an instance without the registry function gets the same clear answer.
 */
@Controller
class UnknownRouteController {

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    HttpResponse<ErrorResponse> notFound(HttpRequest<?> request) {
        return answer(HttpStatus.NOT_FOUND, "HTTP 404 Not Found: no endpoint " + request.getMethodName() + " " + request.getPath());
    }

    @Error(status = HttpStatus.METHOD_NOT_ALLOWED, global = true)
    HttpResponse<ErrorResponse> methodNotAllowed(HttpRequest<?> request) {
        return answer(HttpStatus.METHOD_NOT_ALLOWED, "HTTP 405 Method Not Allowed: " + request.getPath() + " does not take " + request.getMethodName());
    }

    private static HttpResponse<ErrorResponse> answer(HttpStatus status, String message) {
        return HttpResponse.<ErrorResponse>status(status).contentType(SchemaRegistryApi.V1_JSON)
            .body(new ErrorResponse(status.getCode(), message));
    }
}
