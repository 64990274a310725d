/**
 * The HTTP error edge of our own endpoints: one {@link io.sensorfunctions.http.ErrorBody} shape
 * ({@code {"field","error"}} or {@code {"error"}}), strict JSON request bodies ({@link io.sensorfunctions.http.JsonBodies}),
 * and the handlers for a refused request (400 naming the field, 404, 429, 503), a path no route serves (404, 405) and
 * an unexpected failure (500 with an incident id only, the stack trace in the log). A feature that speaks another
 * API's error format owns it: it declares a {@link io.sensorfunctions.http.PathErrorShape} for its paths and handles
 * its own exceptions. This package depends on no feature, reads and writes no topic.
 */
package io.sensorfunctions.http;
