package io.sensorfunctions.http;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/**
 * A feature's own error shape for the paths it owns, for the answers no route of it gives: a path under its
 * resources that nothing serves (404), or a method one of them does not take (405). A feature that speaks another
 * API's error format (the registry answers in Confluent's {@code {"error_code","message"}}) declares a bean of this
 * type, so that its clients get an error they can parse whichever functions run. Every other path answers with an
 * {@link ErrorBody}.
 */
public interface PathErrorShape {

    /**
     * @param path the request's path, without the query
     * @return whether the path lies under this feature's resources
     */
    boolean covers(String path);

    /**
     * @param status 404 or 405
     * @param reason what is wrong, naming the method and the path
     * @return the answer in the feature's shape and media type, with {@code status}
     */
    MutableHttpResponse<?> answer(HttpStatus status, String reason);
}
