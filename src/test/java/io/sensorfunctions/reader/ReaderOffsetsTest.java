package io.sensorfunctions.reader;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.sensorfunctions.testkit.FunctionsHttp;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The reader's offset handling: commit after processing, resume after a restart, and auto.offset.reset=none. */
@IntegrationTest
class ReaderOffsetsTest {

    private static FunctionsInstance start(Map<String, Object> props) {
        return FunctionsInstance.start(props);
    }

    private static BlockingHttpClient http(FunctionsInstance server) {
        return server.http();
    }

    @Test
    void aRestartedReaderResumesFromItsLastCommittedOffsetAndReprocessesNothing() throws Exception {
        Map<String, Object> props = TestKafka.isolated("offsets");
        props.put("functions", "trigger,reader,registry");
        String group = props.get("reader.group-id").toString();

        try (FunctionsInstance first = start(props)) {
            BlockingHttpClient client = http(first);
            FunctionsHttp.produce(client, 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> FunctionsHttp.consumed(client) == 40);
            await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.committed(group) == 40);
        }

        props.putAll(portOf(TestKafka.isolated("offsets-restart")));
        try (FunctionsInstance second = start(props)) {
            BlockingHttpClient client = http(second);
            FunctionsHttp.produce(client, 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.committed(group) == 64);
            assertThat(FunctionsHttp.consumed(client)).as("the restarted reader resumed from the committed offsets").isEqualTo(24);
        }
    }

    @Test
    void offsetResetNoneWithoutCommittedOffsetsStopsTheReaderWithAClearHealthError() {
        Map<String, Object> props = TestKafka.isolated("reset-none");
        props.put("functions", "reader,registry");
        props.put("reader.auto-offset-reset", "none");

        try (FunctionsInstance server = start(props)) {
            BlockingHttpClient client = http(server);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpClientResponseException down = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
                    () -> client.retrieve(HttpRequest.GET("/health")));
                assertThat(down.getStatus().getCode()).isEqualTo(503);
                assertThat(down.getResponse().getBody(String.class).orElseThrow())
                    .contains("auto.offset.reset=none").contains("has no committed offset");
            });
        }
    }

    /** A fresh HTTP port and the registry URL that goes with it; everything Kafka-side stays the same. */
    private static Map<String, Object> portOf(Map<String, Object> fresh) {
        return Map.of("micronaut.server.port", fresh.get("micronaut.server.port"),
            "schema.registry.url", fresh.get("schema.registry.url"));
    }
}
