package io.sensorfunctions.deadletter;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.sensorfunctions.devkafka.DevKafka;
import io.sensorfunctions.testkit.FunctionsHttp;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A broker of its own that goes away and comes back: {@code /health} turns DOWN naming Kafka within 10 s, a burst is
 * refused with 503 rather than accepted into the void, and everything recovers by itself when the broker returns:
 * readings produced afterwards are consumed and committed, and nothing consumed before is lost.
 */
@IntegrationTest
class BrokerOutageTest {

    @Test
    void healthNamesKafkaTheTriggerAnswers503AndAllRecoversWhenTheBrokerReturns() throws Exception {
        DevKafka broker = DevKafka.start(freePort());
        Map<String, Object> props = TestKafka.isolated("broker-outage");
        props.put("kafka.bootstrap.servers", broker.bootstrapServers());
        props.put("functions", "emitter,trigger,reader,registry");
        props.put("sensors.interval", "200ms");
        props.put("kafka.producers.sensor-emitter.delivery.timeout.ms", "6000");
        props.put("kafka.producers.sensor-emitter.request.timeout.ms", "5000");
        props.put("registry.timeout", "10s");
        String group = props.get("reader.group-id").toString();
        try (FunctionsInstance server = FunctionsInstance.start(props)) {
            BlockingHttpClient http = server.http();
            FunctionsHttp.produce(http, 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> FunctionsHttp.consumed(http) >= 16);

            long stopped = System.nanoTime();
            broker.stopBroker();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpClientResponseException down = assertThrows(HttpClientResponseException.class, () -> http.retrieve(HttpRequest.GET("/health")));
                assertThat(down.getStatus().getCode()).isEqualTo(503);
                assertThat(down.getResponse().getBody(String.class).orElseThrow()).containsPattern("\"kafka\":\\{\"name\":\"[^\"]*\",\"status\":\"DOWN\"");
            });
            System.out.printf("broker outage: /health DOWN naming kafka %d ms after the broker stopped%n", (System.nanoTime() - stopped) / 1_000_000);
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> FunctionsHttp.produce(http, 1));
            assertThat(refused.getStatus().getCode()).isEqualTo(503);
            assertThat(refused.getResponse().getBody(String.class).orElseThrow()).contains("Kafka is unavailable");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                assertThrows(HttpClientResponseException.class, () -> http.exchange(HttpRequest.GET("/health")))
                    .getResponse().getBody(String.class).orElseThrow()).as("the emitter counts its failed sends")
                .containsPattern("\"emitter\":\\{[^}]*\"failedSends\":[1-9]"));

            assertThat(http.retrieve(HttpRequest.GET("/subjects"), String.class)).as("registry reads are served from memory")
                .contains(props.get("topics.readings") + "-value");
            CompletableFuture<?> write = CompletableFuture.runAsync(() -> {
                try {
                    http.exchange(HttpRequest.POST("/subjects/outage-value/versions", "{\"schema\": \"\\\"string\\\"\"}")
                        .contentType("application/vnd.schemaregistry.v1+json"));
                } catch (HttpClientResponseException e) {
                    assertThat(e.getStatus().getCode()).as("a write that cannot reach the store").isEqualTo(500);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(BrokerOutageTest::registryWriteInProgress);
            HttpClientResponseException health = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> assertThrows(HttpClientResponseException.class, () -> http.exchange(HttpRequest.GET("/health"))),
                "/health must answer while a registry write waits on the stopped broker");
            assertThat(health.getStatus().getCode()).isEqualTo(503);

            assertThat(registryWriteInProgress()).as("the write still waits on the broker").isTrue();

            long restarted = System.nanoTime();
            broker.startBroker();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.exchange(HttpRequest.GET("/health")).code() == 200);
            long before = FunctionsHttp.consumed(http);
            FunctionsHttp.produce(http, 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> FunctionsHttp.consumed(http) >= before + 16
                && TestKafka.committed(group, broker.bootstrapServers())
                    == TestKafka.endOffsets(props.get("topics.readings").toString(), broker.bootstrapServers()));
            System.out.printf("broker outage: health UP and new readings consumed and committed %d ms after the broker restarted%n",
                (System.nanoTime() - restarted) / 1_000_000);
            write.get(60, TimeUnit.SECONDS);
        } finally {
            broker.close();
        }
    }

    /** True while a thread of this JVM runs the registry's store write (which holds the writer lock). */
    private static boolean registryWriteInProgress() {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> Arrays.stream(stack)
            .anyMatch(frame -> frame.getClassName().endsWith("registry.SchemaLogWriter") && frame.getMethodName().equals("write")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
