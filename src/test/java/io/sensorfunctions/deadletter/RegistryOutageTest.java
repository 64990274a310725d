package io.sensorfunctions.deadletter;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.sensorfunctions.listener.ListenerState;
import io.sensorfunctions.listener.ListenerStates;
import io.sensorfunctions.testkit.FunctionsHttp;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A reader with a cold schema cache meets a registry that is down: it commits nothing, processes nothing, reports
 * DOWN naming itself and the registry, and catches up by itself once the registry is back. Nothing goes to the
 * dead-letter topic: the records were never at fault.
 */
@IntegrationTest
class RegistryOutageTest {

    @Test
    void aReaderWaitsForTheRegistryCommitsNothingAndCatchesUpWhenItReturns() throws Exception {
        Map<String, Object> hubProps = TestKafka.isolated("registry-outage");
        hubProps.put("functions", "trigger,registry");
        String topic = hubProps.get("topics.readings").toString();
        String group = hubProps.get("reader.group-id").toString();

        try (FunctionsInstance hub = FunctionsInstance.start(hubProps)) {
            hub.http().exchange(
                HttpRequest.POST("/produce", "{\"events\": 5, \"delayMs\": 0}").contentType(MediaType.APPLICATION_JSON));
            await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.endOffsets(topic) == 40);
        }

        Map<String, Object> readerProps = new HashMap<>(hubProps);
        readerProps.put("functions", "reader");
        readerProps.put("micronaut.server.port", TestKafka.isolated("port").get("micronaut.server.port"));
        readerProps.put("dead-letter.max-backoff", "1s");
        try (FunctionsInstance reader = FunctionsInstance.start(readerProps)) {
            BlockingHttpClient http = reader.http();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpClientResponseException down = assertThrows(HttpClientResponseException.class, () -> http.retrieve(HttpRequest.GET("/health")));
                assertThat(down.getStatus().getCode()).isEqualTo(503);
                assertThat(down.getResponse().getBody(String.class).orElseThrow())
                    .contains("\"reader\"").contains("which the registry could not be asked for");
            });
            assertThat(TestKafka.committed(group)).as("nothing committed while the registry is down").isZero();
            assertThat(FunctionsHttp.consumed(http)).isZero();

            long restarted = System.nanoTime();
            try (FunctionsInstance hubAgain = FunctionsInstance.start(hubProps)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> FunctionsHttp.consumed(http) == 40 && TestKafka.committed(group) == 40);
                System.out.printf("registry outage: reader caught up %d ms after the registry started again%n",
                    (System.nanoTime() - restarted) / 1_000_000);
                await().atMost(Duration.ofSeconds(10)).until(() -> http.exchange(HttpRequest.GET("/health")).code() == 200);
                ListenerState.Snapshot state = reader.bean(ListenerStates.class).all().get("reader").snapshot();
                assertThat(state.deadLettered()).isEmpty();
                assertThat(state.waited()).isPositive();
                assertThat(TestKafka.endOffsets(topic + ".DLT")).isZero();
            }
        }
    }

    /**
     * A registry that refuses the reader's credentials (401) is a condition of the deployment, not of the records:
     * the reader waits with its partitions held, commits nothing, and dead-letters nothing.
     */
    @Test
    void aReaderRefusedByTheRegistryWaitsAndDeadLettersNothing() throws Exception {
        Map<String, Object> hubProps = TestKafka.isolated("registry-401");
        hubProps.put("functions", "trigger,registry");
        hubProps.put("micronaut.security.enabled", "true");
        hubProps.put("security.read-access", "viewer,operator");
        hubProps.put("security.users.writer.password", "right");
        hubProps.put("security.users.writer.roles", "operator");
        String url = hubProps.get("schema.registry.url").toString();
        hubProps.put("schema.registry.url", url.replace("http://", "http://writer:right@"));
        String topic = hubProps.get("topics.readings").toString();
        String group = hubProps.get("reader.group-id").toString();

        try (FunctionsInstance hub = FunctionsInstance.start(hubProps)) {
            hub.http().exchange(
                HttpRequest.POST("/produce", "{\"events\": 2, \"delayMs\": 0}").contentType(MediaType.APPLICATION_JSON)
                    .basicAuth("writer", "right"));
            await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.endOffsets(topic) == 16);

            Map<String, Object> readerProps = new HashMap<>(hubProps);
            readerProps.put("functions", "reader");
            readerProps.put("micronaut.security.enabled", "false");
            readerProps.put("micronaut.server.port", TestKafka.isolated("port").get("micronaut.server.port"));
            readerProps.put("schema.registry.url", url.replace("http://", "http://writer:wrong@"));
            try (FunctionsInstance reader = FunctionsInstance.start(readerProps)) {
                BlockingHttpClient http = reader.http();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    HttpClientResponseException down = assertThrows(HttpClientResponseException.class, () -> http.retrieve(HttpRequest.GET("/health")));
                    assertThat(down.getResponse().getBody(String.class).orElseThrow()).contains("\"reader\"").contains("answered 401");
                });
                ListenerState.Snapshot state = reader.bean(ListenerStates.class).all().get("reader").snapshot();
                assertThat(state.waited()).isPositive();
                assertThat(state.deadLettered()).isEmpty();
                assertThat(TestKafka.committed(group)).isZero();
                assertThat(FunctionsHttp.consumed(http)).isZero();
                assertThat(TestKafka.endOffsets(topic + ".DLT")).isZero();
            }
        }
    }
}
