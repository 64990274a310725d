package io.sensorfunctions.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A 500 from a failure no handler expected carries an incident id, not the exception, its message or a stack trace. */
@IntegrationTest
class UnexpectedErrorHandlerTest {

    private static final String SECRET = "sasl.jaas.config password=hunter2";

    /** Fails the way a bug would, with a message that must not reach the caller. Only in this test's context. */
    @Controller("/test-failure")
    @Requires(property = "spec.name", value = "UnexpectedErrorHandlerTest")
    static class FailingController {
        @Get
        String fail() {
            throw new IllegalStateException("cannot connect with " + SECRET);
        }
    }

    @Test
    void anUnexpectedFailureAnswers500WithAnIncidentIdAndNoInternals() {
        Map<String, Object> props = TestKafka.isolated("unexpected-error");
        props.put("functions", "registry");
        props.put("spec.name", "UnexpectedErrorHandlerTest");
        try (FunctionsInstance server = FunctionsInstance.start(props)) {
            BlockingHttpClient http = server.http();
            HttpClientResponseException failure = assertThrows(HttpClientResponseException.class,
                () -> http.exchange(HttpRequest.GET("/test-failure")));
            String body = failure.getResponse().getBody(String.class).orElseThrow();
            assertThat(failure.getStatus().getCode()).isEqualTo(500);
            assertThat(body).contains("internal error, incident ").doesNotContain("hunter2").doesNotContain("IllegalStateException")
                .doesNotContain("cannot connect").doesNotContain("at io.sensorfunctions");

            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> http.exchange(HttpRequest.POST("/dlt/replay", "{}").contentType("application/json")));
            assertThat(refused.getStatus().getCode()).as("handled failures keep their own answer").isEqualTo(400);
        }
    }
}
