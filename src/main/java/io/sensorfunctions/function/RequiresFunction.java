package io.sensorfunctions.function;

import io.micronaut.context.annotation.Requires;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Loads the annotated bean only when {@link #value()} is among the functions selected by {@code FUNCTIONS}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Requires(condition = FunctionCondition.class)
public @interface RequiresFunction {
    EventFunction value();
}
