package io.sensorfunctions.reader;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /readers/seek} on a running reader: to the beginning and to a timestamp re-read exactly what they
 * should, and bad targets are refused with the field at fault. Bursts are numbered A, B, C; each is 8 readings, 2
 * per partition. A seek waits for the next record, so each test sends it and then a burst.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReaderSeekTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private ReaderInstances instances;
    private ReaderInstances.Instance reader;

    @BeforeAll
    void start() {
        instances = new ReaderInstances("seek");
        reader = instances.reader();
        await().atMost(WAIT).until(() -> reader.partitions().size() == 4);
    }

    @AfterAll
    void stop() {
        instances.close();
    }

    private CompletableFuture<HttpResponse<Map<String, Object>>> seek(String body) {
        return CompletableFuture.supplyAsync(() -> reader.http().exchange(HttpRequest.POST("/readers/seek", body)
            .contentType(MediaType.APPLICATION_JSON), Argument.mapOf(String.class, Object.class)));
    }

    private void awaitPending() {
        ReaderSeeks seeks = reader.server().bean(ReaderSeeks.class);
        await().atMost(WAIT).until(seeks::pending);
    }

    private void burstAndWait(int events, long expectedTotal) {
        instances.hub.produce(events);
        await().atMost(WAIT).until(() -> reader.consumed() >= expectedTotal);
    }

    @Test
    void seekingToATimestampReReadsOnlyWhatCameAfterIt() throws Exception {
        long before = reader.consumed();
        burstAndWait(1, before + 8);
        Instant between = Instant.now();
        burstAndWait(1, before + 16);

        CompletableFuture<HttpResponse<Map<String, Object>>> answer = seek("{\"to\": \"timestamp\", \"timestamp\": \"" + between + "\"}");
        awaitPending();
        instances.hub.produce(1);
        HttpResponse<Map<String, Object>> applied = answer.get();
        assertThat(applied.getStatus().getCode()).isEqualTo(200);
        assertThat((List<?>) applied.body().get("applied")).hasSize(4).allSatisfy(line -> assertThat(line.toString()).contains("at or after"));

        // The second burst (8) is read again, the third once or twice (depending on which poll the seek lands in),
        // the first never again: 16 + 8 + 8 at least, 16 + 8 + 16 at most.
        await().atMost(WAIT).until(() -> reader.consumed() >= before + 32
            && TestKafka.committed(instances.groupId()) == TestKafka.endOffsets(instances.topic()));
        assertThat(reader.consumed()).as("the first burst was not read again").isLessThanOrEqualTo(before + 40);
    }

    @Test
    void seekingToTheBeginningReReadsEverything() throws Exception {
        burstAndWait(1, 8);
        long total = logEnd();
        long before = reader.consumed();

        CompletableFuture<HttpResponse<Map<String, Object>>> answer = seek("{\"to\": \"beginning\"}");
        awaitPending();
        instances.hub.produce(1);
        assertThat((List<?>) answer.get().body().get("applied")).hasSize(4).allSatisfy(line -> assertThat(line.toString()).endsWith("to the beginning"));

        await().atMost(WAIT).until(() -> reader.consumed() >= before + 8 + total);
    }

    private long logEnd() {
        return ((List<?>) instances.hub.group(instances.groupId()).get("partitions")).stream()
            .mapToLong(p -> ((Number) ((Map<?, ?>) p).get("logEndOffset")).longValue()).sum();
    }

    @Test
    void badTargetsAreRefusedWithTheFieldAtFault() {
        Map<String, String> cases = Map.of(
            "{\"to\": \"middle\"}", "to",
            "{\"to\": \"timestamp\"}", "timestamp",
            "{\"to\": \"timestamp\", \"timestamp\": \"yesterday\"}", "timestamp",
            "{\"to\": \"offsets\", \"offsets\": {\"0\": -1}}", "offsets",
            "{\"to\": \"offsets\", \"offsets\": {\"9\": 0}}", "offsets",
            "{\"to\": \"beginning\", \"partition\": 1}", "partition");
        cases.forEach((body, field) -> assertThatThrownBy(() -> reader.http().exchange(HttpRequest.POST("/readers/seek", body)
            .contentType(MediaType.APPLICATION_JSON), Argument.mapOf(String.class, Object.class)))
            .as(body)
            .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(400);
                Map<?, ?> error = e.getResponse().getBody(Map.class).orElseThrow();
                assertThat(error.get("field")).isEqualTo(field);
                assertThat(error.get("error").toString()).isNotBlank();
            }));
        assertThat(reader.server().bean(ReaderSeeks.class).pending()).as("nothing was queued").isFalse();
    }
}
