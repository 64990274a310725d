package io.sensorfunctions.function;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.AnnotationMetadataProvider;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.value.PropertyResolver;

/** Evaluates {@link RequiresFunction} against the {@code functions} property; an unknown name fails startup. */
@Introspected
public final class FunctionCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context) {
        AnnotationMetadataProvider component = context.getComponent();
        EventFunction required = component.getAnnotationMetadata()
            .enumValue(RequiresFunction.class, EventFunction.class).orElse(null);
        if (required == null || !(context.getBeanContext() instanceof PropertyResolver properties)) {
            return true;
        }
        try {
            boolean selected = EventFunction.parse(properties.get(EventFunction.PROPERTY, String.class).orElse(null)).contains(required);
            if (!selected) {
                context.fail("function '" + required.id() + "' is not in FUNCTIONS");
            }
            return selected;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
