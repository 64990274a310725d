package io.sensorfunctions.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks basic-auth credentials against {@code security.users.*}. Micronaut Security parses the header, applies the
 * rules ({@code @Secured}, {@code intercept-url-map}) and answers 401 or 403; this only compares, in constant time so
 * that response timing does not reveal how much of a password matched, nor whether the user exists. Created at
 * startup, so that a user without a password or with an unknown role stops it.
 *
 * @param <B> request body type
 */
@Context
@Requires(property = "micronaut.security.enabled", value = "true")
class ConfiguredUsersAuthenticationProvider<B> implements HttpRequestAuthenticationProvider<B> {

    private static final Set<String> KNOWN_ROLES = Set.of(Roles.OPERATOR, Roles.VIEWER);
    private static final byte[] NO_SUCH_USER = "no such user, compared all the same".getBytes(StandardCharsets.UTF_8);

    private final Map<String, User> users = new HashMap<>();

    /** @throws ConfigurationException when a user has no password, no role, or a role other than operator and viewer */
    ConfiguredUsersAuthenticationProvider(List<UserConfiguration> configured) {
        for (UserConfiguration user : configured) {
            String key = "security.users." + user.name();
            if (user.password() == null || user.password().isBlank()) {
                throw new ConfigurationException(key + ".password is not set; set SECURITY_USERS_"
                    + user.name().toUpperCase() + "_PASSWORD, or remove the user");
            }
            List<String> roles = user.roles() == null ? List.of() : user.roles();
            if (roles.isEmpty() || !KNOWN_ROLES.containsAll(roles)) {
                throw new ConfigurationException(key + ".roles is " + roles + "; give one or both of " + Roles.OPERATOR
                    + " (may change state) and " + Roles.VIEWER + " (may only read)");
            }
            users.put(user.name(), new User(user.password().getBytes(StandardCharsets.UTF_8), List.copyOf(roles)));
        }
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request, AuthenticationRequest<String, String> credentials) {
        User user = users.get(credentials.getIdentity());
        byte[] given = credentials.getSecret().getBytes(StandardCharsets.UTF_8);
        boolean matches = MessageDigest.isEqual(user == null ? NO_SUCH_USER : user.password(), given);
        if (user != null && matches) {
            return AuthenticationResponse.success(credentials.getIdentity(), user.roles());
        }
        return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }

    private record User(byte[] password, List<String> roles) {
    }
}
