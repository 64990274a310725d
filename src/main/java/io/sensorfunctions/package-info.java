/**
 * The application's entry point ({@link io.sensorfunctions.Application}): it starts the dev broker when no cluster is
 * set, the context, and a bounded shutdown. Every feature lives in a package of its own: which functions an instance
 * runs in {@code function}, the HTTP error edge in {@code http}, the runtime every listener runs under in
 * {@code listener}. No topic is read or written here.
 */
package io.sensorfunctions;
