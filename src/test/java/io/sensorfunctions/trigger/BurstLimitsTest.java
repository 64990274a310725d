package io.sensorfunctions.trigger;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bursts are capped by trigger.max-running, and a running burst stops when the application shuts down. */
@IntegrationTest
class BurstLimitsTest {

    @Test
    void aBurstBeyondTheCapIs429AndShutdownStopsTheRunningOne() throws Exception {
        Map<String, Object> props = TestKafka.isolated("burst-limits");
        props.put("functions", "trigger,registry");
        props.put("trigger.max-running", "1");
        String topic = props.get("topics.readings").toString();
        FunctionsInstance server = FunctionsInstance.start(props);
        Bursts bursts = server.bean(Bursts.class);
        String id;
        try {
            BlockingHttpClient http = server.http();
            Map<String, Object> first = http.retrieve(post("{\"events\": 1000, \"delayMs\": 200}"), Argument.mapOf(String.class, Object.class));
            id = first.get("id").toString();
            HttpClientResponseException second = assertThrows(HttpClientResponseException.class,
                () -> http.exchange(post("{\"events\": 1, \"delayMs\": 0}")));
            assertThat(second.getStatus().getCode()).isEqualTo(429);
            assertThat(second.getResponse().getBody(String.class).orElseThrow()).contains("trigger.max-running (1)");
            await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.endOffsets(topic) >= 16);
        } finally {
            server.close();
        }
        Burst.Progress stopped = bursts.find(id).orElseThrow().progress();
        assertThat(stopped.done()).isTrue();
        assertThat(stopped.lastError()).contains("by shutdown");
        long produced = TestKafka.endOffsets(topic);
        assertThat(produced).as("nothing more after shutdown").isLessThan(8000).isEqualTo(stopped.produced());
    }

    private static HttpRequest<String> post(String body) {
        return HttpRequest.POST("/produce", body).contentType(MediaType.APPLICATION_JSON);
    }
}
