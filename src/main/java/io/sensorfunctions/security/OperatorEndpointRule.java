package io.sensorfunctions.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Management endpoints other than {@code /health} ({@code /beans}, {@code /routes}, {@code /loggers},
 * {@code /refresh}, {@code /threaddump}, ...) are Micronaut's "sensitive" endpoints: never anonymous, and, because
 * some of them change state ({@code POST /loggers}, {@code POST /refresh}), only for {@link Roles#OPERATOR}. Micronaut
 * Security leaves this decision to the application and refuses them all until it is made.
 */
@Singleton
@Replaces(SensitiveEndpointRule.class)
class OperatorEndpointRule extends SensitiveEndpointRule {

    OperatorEndpointRule(EndpointSensitivityProcessor endpointSensitivityProcessor) {
        super(endpointSensitivityProcessor);
    }

    @Override
    @NonNull
    protected Publisher<SecurityRuleResult> checkSensitiveAuthenticated(@NonNull HttpRequest<?> request,
                                                                        @NonNull Authentication authentication,
                                                                        @NonNull ExecutableMethod<?, ?> method) {
        return Mono.just(authentication.getRoles().contains(Roles.OPERATOR) ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }
}
