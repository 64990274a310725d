package io.sensorfunctions.security;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.token.jwt.signature.ReactiveSignatureConfiguration;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Says at startup, in one line, whether our endpoints are locked and how; and refuses the configurations that would
 * lock them badly. Three are refused:
 * <ul>
 *   <li>security on, but Micronaut Security's {@link SecurityFilter} is not among this artifact's beans, so no request
 *   would be checked. That happens when the filter is switched off ({@code micronaut.security.filter.enabled=false}),
 *   and it happened to a packaged jar whose Micronaut AOT bean list had been computed with security off (see
 *   {@code aot.properties}): the log said "on" while every door stood open;</li>
 *   <li>bearer tokens on without a signature to check them against. Micronaut Security JWT then accepts unsigned
 *   ({@code alg: none}) tokens, so anyone could write a token with {@code roles: [operator]};</li>
 *   <li>security on with neither users nor bearer tokens: no one could ever sign in.</li>
 * </ul>
 */
@Context
class SecurityPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityPolicy.class);

    /** @throws ConfigurationException for the three configurations above, naming the settings that fix them */
    SecurityPolicy(Environment environment, BeanContext beans, List<UserConfiguration> users) {
        if (!environment.getProperty("micronaut.security.enabled", Boolean.class, false)) {
            LOG.info("Security is off: every endpoint answers without credentials. Set MICRONAUT_SECURITY_ENABLED=true and "
                + "SECURITY_USERS_<NAME>_PASSWORD / _ROLES to lock the state-changing and management endpoints.");
            return;
        }
        if (!beans.containsBean(SecurityFilter.class)) {
            throw new ConfigurationException("micronaut.security.enabled=true but Micronaut Security's request filter is "
                + "not loaded, so every endpoint would answer without credentials. Check micronaut.security.filter.enabled; "
                + "in a packaged jar, an AOT bean list computed with security off (aot.properties) does this.");
        }
        boolean jwt = environment.getProperty("micronaut.security.token.jwt.enabled", Boolean.class, true);
        if (jwt && !beans.containsBean(SignatureConfiguration.class) && !beans.containsBean(ReactiveSignatureConfiguration.class)) {
            throw new ConfigurationException("micronaut.security.token.jwt.enabled=true but no signature is configured, so "
                + "unsigned tokens would be accepted. Set micronaut.security.token.jwt.signatures.secret.generator.secret "
                + "(HS256, 32+ bytes) or micronaut.security.token.jwt.signatures.jwks.<name>.url, or turn bearer tokens off.");
        }
        if (users.isEmpty() && !jwt) {
            throw new ConfigurationException("micronaut.security.enabled=true but no one can sign in: set "
                + "SECURITY_USERS_<NAME>_PASSWORD and SECURITY_USERS_<NAME>_ROLES, or turn on bearer tokens "
                + "(micronaut.security.token.jwt.enabled=true with a signature).");
        }
        LOG.info("Security is on: users {}, bearer tokens (JWT) {}, reads {}; state-changing and management endpoints need "
                + "role {}, /health details need credentials.", users, jwt ? "accepted" : "off",
            environment.getProperty("security.read-access", String.class, "?"), Roles.OPERATOR);
    }
}
