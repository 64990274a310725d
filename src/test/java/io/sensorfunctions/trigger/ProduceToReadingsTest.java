package io.sensorfunctions.trigger;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A burst started over HTTP travels as Avro through the broker to the reader; bad bursts produce nothing. */
@IntegrationTest
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProduceToReadingsTest implements TestPropertyProvider {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient client;

    private String readingsTopic;

    @Override
    public Map<String, String> getProperties() {
        Map<String, Object> props = TestKafka.isolated("pipeline");
        props.put("functions", "trigger,reader,registry");
        readingsTopic = props.get("topics.readings").toString();
        return TestKafka.strings(props);
    }

    @Test
    void aBurstTravelsThroughTheTopicToTheReader() {
        HttpResponse<Map<String, Object>> accepted = client.toBlocking().exchange(
            HttpRequest.POST("/produce", "{\"events\": 5, \"delayMs\": 20, \"start\": 100}").contentType(MediaType.APPLICATION_JSON), MAP);
        assertThat(accepted.getStatus().getCode()).isEqualTo(202);
        String location = accepted.getHeaders().get("Location");
        assertThat(location).isEqualTo("/produce/" + accepted.body().get("id"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> progress = client.toBlocking().retrieve(HttpRequest.GET(location), MAP);
            assertThat(progress).containsEntry("done", true).containsEntry("produced", 40).containsEntry("failed", 0)
                .containsEntry("nextStep", 105);
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Map<String, Object>> readings = client.toBlocking().retrieve(HttpRequest.GET("/readings"),
                Argument.mapOf(Argument.STRING, Argument.mapOf(String.class, Object.class)));
            assertThat(readings).containsOnlyKeys(IntStream.range(0, 8).mapToObj(i -> "sensor" + i).collect(Collectors.toList()));
            readings.values().forEach(summary -> {
                assertThat(summary).containsEntry("count", 5).containsEntry("window", 5).containsKey("lastTimestamp");
                assertThat(((Number) summary.get("min")).doubleValue())
                    .isLessThanOrEqualTo(((Number) summary.get("mean")).doubleValue());
                assertThat(((Number) summary.get("mean")).doubleValue())
                    .isLessThanOrEqualTo(((Number) summary.get("max")).doubleValue());
            });
        });
    }

    @Test
    void everyBadRequestIsA400NamingTheFieldAndProducesNothing() throws Exception {
        long before = TestKafka.endOffsets(readingsTopic);
        List<String[]> cases = List.of(
            new String[]{"{\"delayMs\": 0}", "events"},
            new String[]{"{\"events\": \"ten\", \"delayMs\": 0}", "events"},
            new String[]{"{\"events\": -3, \"delayMs\": 0}", "events"},
            new String[]{"{\"events\": 1, \"delayMs\": -1}", "delayMs"},
            new String[]{"{\"events\": 1, \"delayMs\": 0, \"start\": -1}", "start"},
            new String[]{"{\"events\": 100001, \"delayMs\": 0}", "events"},
            new String[]{"{\"events\": 1, \"delayMs\": 60001}", "delayMs"},
            new String[]{"{\"events\": 1, \"delayMs\": 0, \"colour\": \"red\"}", "colour"},
            new String[]{"{\"events\": 1,", null},
            new String[]{"", null});
        for (String[] c : cases) {
            assertThatThrownBy(() -> client.toBlocking().exchange(
                HttpRequest.POST("/produce", c[0]).contentType(MediaType.APPLICATION_JSON), MAP))
                .as(c[0])
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
                    Map<?, ?> body = e.getResponse().getBody(Map.class).orElseThrow();
                    assertThat(body.get("field")).isEqualTo(c[1]);
                    assertThat(body.get("error").toString()).isNotBlank();
                });
        }
        assertThat(TestKafka.endOffsets(readingsTopic)).as("records on %s after the bad requests", readingsTopic).isEqualTo(before);
    }

    @Test
    void unknownRunIsA404() {
        assertThatThrownBy(() -> client.toBlocking().exchange(HttpRequest.GET("/produce/no-such-run"), MAP))
            .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(404));
    }
}
