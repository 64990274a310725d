package io.sensorfunctions.security;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * One user of our endpoints, {@code security.users.<name>.password} and {@code security.users.<name>.roles} (env
 * {@code SECURITY_USERS_<NAME>_PASSWORD}, {@code SECURITY_USERS_<NAME>_ROLES=operator}). Passwords belong in the
 * environment or a mounted file, never in committed configuration.
 *
 * @param name     the user name, from the key
 * @param password the password; checked at startup to be present
 * @param roles    {@code operator} and/or {@code viewer} (see {@link Roles}); checked at startup
 */
@EachProperty("security.users")
record UserConfiguration(@Parameter String name, @Nullable String password, @Nullable List<String> roles) {

    @Override
    public String toString() {
        return name + roles;
    }
}
