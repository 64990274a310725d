package io.sensorfunctions.registry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * HTTP basic auth on the registry function ({@code registry.basic-auth.*}), as managed registries (Aiven, Confluent
 * Cloud) require it; clients then send {@code basic.auth.credentials.source=USER_INFO} and
 * {@code basic.auth.user.info=user:password}. Checking the header is Micronaut Security's; this only holds the users.
 *
 * @param enabled whether registry paths require credentials (other functions' paths never do)
 * @param users   user name to password, e.g. {@code REGISTRY_BASIC_AUTH_USERS_ALICE=secret}
 */
@ConfigurationProperties("registry.basic-auth")
record BasicAuthConfiguration(boolean enabled, @Nullable Map<String, String> users) {
}
