package io.sensorfunctions;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;

/** Answers an {@link InvalidRequestException} from any endpoint with its status and an {@link ErrorBody}. */
@Controller
class InvalidRequestHandler {

    @Error(global = true)
    HttpResponse<ErrorBody> invalid(HttpRequest<?> request, InvalidRequestException e) {
        return HttpResponse.<ErrorBody>status(HttpStatus.valueOf(e.status())).body(new ErrorBody(e.field(), e.getMessage()));
    }
}
