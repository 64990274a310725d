/**
 * Who may call our endpoints when {@code micronaut.security.enabled}: users from configuration with roles
 * ({@code operator} for what changes state, reads as {@code security.read-access} says), or bearer tokens, through
 * Micronaut Security; and the startup refusals of configurations that would lock the endpoints badly. Kafka's own
 * security (TLS, SASL, mTLS) is plain {@code kafka.*} client configuration and needs no code here.
 */
package io.sensorfunctions.security;
