package io.sensorfunctions.registry;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Checks basic-auth credentials against {@code registry.basic-auth.users}. Micronaut Security parses the header,
 * applies the URL rules in {@code application.yml} and answers 401; this only compares, in constant time so that
 * response timing does not reveal how much of a password matched.
 *
 * @param <B> request body type
 */
@Singleton
@Requires(property = "registry.basic-auth.enabled", value = "true")
class RegistryAuthenticationProvider<B> implements HttpRequestAuthenticationProvider<B> {

    private final Map<String, String> users;

    /** @throws ConfigurationException when basic auth is enabled without any user */
    RegistryAuthenticationProvider(BasicAuthConfiguration configuration) {
        if (configuration.users() == null || configuration.users().isEmpty()) {
            throw new ConfigurationException("registry.basic-auth.enabled=true but registry.basic-auth.users is empty; "
                + "add at least one user, e.g. REGISTRY_BASIC_AUTH_USERS_ALICE=secret");
        }
        this.users = Map.copyOf(configuration.users());
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request, AuthenticationRequest<String, String> credentials) {
        String expected = users.get(credentials.getIdentity());
        byte[] given = credentials.getSecret().getBytes(StandardCharsets.UTF_8);
        if (expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given)) {
            return AuthenticationResponse.success(credentials.getIdentity());
        }
        return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }
}
