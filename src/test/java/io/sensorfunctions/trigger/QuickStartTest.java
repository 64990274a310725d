package io.sensorfunctions.trigger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's quick start, run as it is written: its {@code POST /produce} body is sent to a running trigger, and
 * what comes back (status, {@code location}, the accepted burst, the finished burst, a sensor's {@code /readings}
 * entry) must equal the README's output, but for the burst's id and start time, which differ on every run.
 */
@IntegrationTest
class QuickStartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final Pattern POST = Pattern.compile(
        "\\$ curl -i -X POST localhost:8080/produce -H 'Content-Type: application/json' -d '(\\{[^']*})'\\n"
            + "HTTP/1.1 (\\d+) .*\\nlocation: (/produce/)\\S+\\n(?:.*\\n)*?\\n(\\{.*})\\n\\n"
            + "\\$ curl localhost:8080/produce/\\S+\\n(\\{.*})\\n");
    private static final Pattern READINGS = Pattern.compile("\\$ curl localhost:8080/readings\\n\\{\"(\\w+)\":(\\{[^}]*})");

    @Test
    void theQuickStartAnswersAsTheReadmeShows() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher post = POST.matcher(readme);
        Matcher readings = READINGS.matcher(readme);
        assertThat(post.find()).as("the README's quick start has the burst and its answers").isTrue();
        assertThat(readings.find()).as("the README's quick start has a /readings answer").isTrue();

        Map<String, Object> props = TestKafka.isolated("quick-start");
        props.put("functions", "trigger,reader,registry");
        try (FunctionsInstance server = FunctionsInstance.start(props)) {
            BlockingHttpClient http = server.http();
            HttpResponse<String> accepted = http.exchange(HttpRequest.POST("/produce", post.group(1))
                .contentType(MediaType.APPLICATION_JSON), String.class);
            assertThat(accepted.code()).isEqualTo(Integer.parseInt(post.group(2)));
            Map<String, Object> burst = JSON.readValue(accepted.body(), OBJECT);
            String id = burst.get("id").toString();
            assertThat(accepted.header("location")).isEqualTo(post.group(3) + id);
            assertThat(Instant.parse(burst.get("startedAt").toString())).isBeforeOrEqualTo(Instant.now());
            assertThat(burst).isEqualTo(asRun(post.group(4), burst));

            Map<String, Object> done = asRun(post.group(5), burst);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(JSON.readValue(http.retrieve("/produce/" + id), OBJECT)).isEqualTo(done));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, Object> sensors = JSON.readValue(http.retrieve("/readings"), OBJECT);
                assertThat(sensors).containsKey(readings.group(1));
                assertThat(((Map<?, ?>) sensors.get(readings.group(1))).keySet())
                    .isEqualTo(JSON.readValue(readings.group(2), OBJECT).keySet());
            });
        }
    }

    /** @return the README's JSON with this run's id and start time, which are the only fields that may differ */
    private static Map<String, Object> asRun(String readmeJson, Map<String, Object> run) throws Exception {
        Map<String, Object> expected = new HashMap<>(JSON.readValue(readmeJson, OBJECT));
        assertThat(expected).containsKeys("id", "startedAt");
        expected.put("id", run.get("id"));
        expected.put("startedAt", run.get("startedAt"));
        return expected;
    }
}
