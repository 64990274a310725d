package io.sensorfunctions.testkit;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that needs the real Kafka broker ({@link TestKafka}) or tools outside this JVM (Python, Node, Chromium).
 * {@code ./mvnw test} leaves these out, so it is the fast unit run; {@code ./mvnw verify} runs them after it, through
 * failsafe (see the pom).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
public @interface IntegrationTest {
}
