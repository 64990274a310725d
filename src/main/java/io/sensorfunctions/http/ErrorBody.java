package io.sensorfunctions.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of every error answer of our own endpoints ({@code /produce}, {@code /readers/seek}, {@code /dlt},
 * {@code /groups}, a path no route serves, an unexpected failure). A feature that speaks another API's format
 * answers its own paths in that shape instead (see {@link PathErrorShape}).
 *
 * @param field the JSON field or query parameter at fault, or null when the request as a whole is
 * @param error what is wrong, naming the rule and the value received
 */
@Serdeable
public record ErrorBody(@Nullable String field, String error) {

    /**
     * @param status the HTTP status to answer with
     * @param field  the JSON field or query parameter at fault, or null when the request as a whole is
     * @param error  what is wrong
     * @return the answer, with this body
     */
    public static MutableHttpResponse<ErrorBody> answer(HttpStatus status, @Nullable String field, String error) {
        return HttpResponse.<ErrorBody>status(status).body(new ErrorBody(field, error));
    }
}
