package io.sensorfunctions.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;

/** Answers a {@link RequestRefusedException} from any endpoint with its status and an {@link ErrorBody}. */
@Controller
class RequestRefusedHandler {

    @Error(global = true)
    HttpResponse<ErrorBody> refused(HttpRequest<?> request, RequestRefusedException e) {
        return ErrorBody.answer(HttpStatus.valueOf(e.status()), e.field(), e.getMessage());
    }
}
