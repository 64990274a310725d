/**
 * The HTTP error edge of our own endpoints: one {@link io.sensorfunctions.http.ErrorBody} shape
 * ({@code {"field","error"}} or {@code {"error"}}), strict JSON request bodies ({@link io.sensorfunctions.http.JsonBodies}),
 * and the handlers for a refused request (400 naming the field, 404, 429, 503), a path no route serves (404) and an
 * unexpected failure (500 with an incident id only, the stack trace in the log). The registry's paths answer in
 * Confluent's shape instead ({@code registry}). No topic is read or written here.
 */
package io.sensorfunctions.http;
