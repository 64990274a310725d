/**
 * The application and what every function shares: which functions an instance runs ({@code functions}, see
 * {@link io.sensorfunctions.Function} and {@link io.sensorfunctions.RequiresFunction}), the startup checks that span
 * settings, and the HTTP error edge of our own endpoints (one {@link io.sensorfunctions.ErrorBody}, a handler for
 * refused requests, one for a path no route serves, one for unexpected failures). The registry's paths answer in
 * Confluent's shape instead ({@code registry}). No topic is read or written here.
 */
package io.sensorfunctions;
