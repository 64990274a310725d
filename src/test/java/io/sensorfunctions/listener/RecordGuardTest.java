package io.sensorfunctions.listener;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.sensorfunctions.deadletter.DeadLetterHeaders;
import io.sensorfunctions.deadletter.ErrorThrowingDeserializer;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The guard under failures in the middle of one polled batch of 500 records (fewer than {@code max.poll.records}), on
 * a real broker: retried records, a record that keeps failing and is dead-lettered then replayed, a retry that holds
 * back only its own partition, and an Error.
 */
@IntegrationTest
class RecordGuardTest {

    private static final int BATCH = 500;

    @Test
    void failuresInTheMiddleOfABatchSkipNothingAfterThemAndTheDeadLetteredRecordReplays() throws Exception {
        Map<String, Object> props = scripted("guard-batch");
        props.put("scripted.failures", "250:2,300:-1");
        String topic = props.get("scripted.topic").toString();
        String group = props.get("scripted.group-id").toString();
        produce(topic, BATCH);

        try (FunctionsInstance server = FunctionsInstance.start(props)) {
            ScriptedListener.Script script = server.bean(ScriptedListener.Script.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> TestKafka.committed(group) == BATCH);

            List<String> expected = IntStream.range(0, BATCH).filter(i -> i != 300).mapToObj(Integer::toString).toList();
            assertThat(script.processed).as("every record but the dead-lettered one, once each, in order").containsExactlyElementsOf(expected);
            List<ConsumerRecord<byte[], byte[]>> dead = TestKafka.readAll(topic + ".DLT");
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("300");
            assertThat(DeadLetterHeaders.text(dead.get(0).headers(), DeadLetterHeaders.KIND)).isEqualTo("processing-failed");
            assertThat(DeadLetterHeaders.text(dead.get(0).headers(), DeadLetterHeaders.EXCEPTION_FQCN)).isEqualTo(IllegalStateException.class.getName());
            assertThat(DeadLetterHeaders.number(dead.get(0).headers(), DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo(300L);
            ListenerState.Snapshot state = server.bean(ListenerStates.class).all().get("scripted").snapshot();
            assertThat(state.deadLettered()).isEqualTo(Map.of("processing-failed", 1L));
            assertThat(state.retried()).as("250 twice, 300 twice before its third and last attempt").isEqualTo(4);

            BlockingHttpClient http = server.http();
            script.failures.remove("300");
            Map<String, Object> replayed = http.retrieve(HttpRequest.POST("/dlt/replay",
                "{\"partition\": " + dead.get(0).partition() + ", \"offsets\": [" + dead.get(0).offset() + "]}")
                .contentType(MediaType.APPLICATION_JSON), Argument.mapOf(String.class, Object.class));
            assertThat(replayed.toString()).contains(topic + ".DLT-" + dead.get(0).partition() + "@" + dead.get(0).offset())
                .contains(topic + "-0@" + BATCH);
            await().atMost(Duration.ofSeconds(30)).until(() -> script.processed.contains("300"));
            await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.committed(group) == BATCH + 1);
            ConsumerRecord<byte[], byte[]> back = TestKafka.readAll(topic).get(BATCH);
            assertThat(back.headers().lastHeader(DeadLetterHeaders.REPLAYED_FROM)).isNotNull();
            assertThat(back.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC)).isNull();

            HttpClientResponseException missing = assertThrows(HttpClientResponseException.class, () -> http.exchange(
                HttpRequest.POST("/dlt/replay", "{\"partition\": 0, \"offsets\": [" + Long.MAX_VALUE + "]}").contentType(MediaType.APPLICATION_JSON)));
            assertThat(missing.getStatus().getCode()).isEqualTo(404);
            HttpClientResponseException plain = assertThrows(HttpClientResponseException.class, () -> http.exchange(
                HttpRequest.POST("/dlt/replay", "{\"partition\": 0, \"offsets\": [0]}").contentType(MediaType.TEXT_PLAIN)));
            assertThat(plain.getStatus().getCode()).isEqualTo(415);
            HttpClientResponseException limit = assertThrows(HttpClientResponseException.class, () -> http.exchange(HttpRequest.GET("/dlt?limit=0")));
            assertThat(limit.getStatus().getCode()).isEqualTo(400);
            assertThat(limit.getResponse().getBody(String.class).orElseThrow()).contains("\"field\":\"limit\"");
        }
    }

    @Test
    void aRecordHeldForARetryHoldsOnlyItsPartitionWhileTheOthersGoOnAndNoneLosesARecord() throws Exception {
        Map<String, Object> props = scripted("guard-partitions", 2);
        props.put("scripted.failures", "a2:2,b50:2");
        props.put("dead-letter.initial-backoff", "1s");
        String topic = props.get("scripted.topic").toString();
        String group = props.get("scripted.group-id").toString();
        try (KafkaProducer<byte[], byte[]> producer = TestKafka.rawProducer()) {
            List<Future<?>> sent = new ArrayList<>();
            IntStream.range(0, 10).forEach(i -> sent.add(producer.send(new ProducerRecord<>(topic, 0, null, ("a" + i).getBytes(StandardCharsets.UTF_8)))));
            IntStream.range(0, 100).forEach(i -> sent.add(producer.send(new ProducerRecord<>(topic, 1, null, ("b" + i).getBytes(StandardCharsets.UTF_8)))));
            for (var future : sent) {
                future.get();
            }
        }

        try (FunctionsInstance server = FunctionsInstance.start(props)) {
            ScriptedListener.Script script = server.bean(ScriptedListener.Script.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> TestKafka.committed(group) == 110);

            List<String> processed = List.copyOf(script.processed);
            assertThat(processed.stream().filter(v -> v.startsWith("a")).toList()).as("partition 0 in order, each once")
                .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "a" + i).toList());
            assertThat(processed.stream().filter(v -> v.startsWith("b")).toList()).as("partition 1 in order, each once")
                .containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> "b" + i).toList());
            assertThat(processed.indexOf("b49")).as("partition 1 went on while partition 0 waited 3 s for a2's third try")
                .isLessThan(processed.indexOf("a2"));
            assertThat(processed.indexOf("a1")).as("and partition 0 while partition 1 waited for b50's")
                .isLessThan(processed.indexOf("b50"));
            ListenerState.Snapshot state = server.bean(ListenerStates.class).all().get("scripted").snapshot();
            assertThat(state.retried()).isEqualTo(4);
            assertThat(state.deadLettered()).isEmpty();
        }
    }

    @Test
    void anErrorStopsTheListenerCommitsNothingPastItTurnsHealthDownAndShutdownFinishes() throws Exception {
        Map<String, Object> props = scripted("guard-error");
        props.put("scripted.errors", "100");
        String topic = props.get("scripted.topic").toString();
        String group = props.get("scripted.group-id").toString();
        produce(topic, BATCH);

        FunctionsInstance server = FunctionsInstance.start(props);
        try {
            ScriptedListener.Script script = server.bean(ScriptedListener.Script.class);
            BlockingHttpClient http = server.http();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HttpClientResponseException down = assertThrows(HttpClientResponseException.class, () -> http.retrieve(HttpRequest.GET("/health")));
                assertThat(down.getStatus().getCode()).isEqualTo(503);
                assertThat(down.getResponse().getBody(String.class).orElseThrow())
                    .contains("scripted consumer stopped by java.lang.OutOfMemoryError");
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.committed(group) == 100);
            assertThat(script.processed).hasSize(100);
        } finally {
            assertTimeoutPreemptively(Duration.ofSeconds(30), server::close, "shutdown after an Error must not hang");
        }
        assertThat(TestKafka.committed(group)).as("nothing past the record that threw").isEqualTo(100);
    }

    @Test
    void anErrorInsidePollStopsTheListenerCommitsNothingOfThatPollAndShutdownFinishes() throws Exception {
        Map<String, Object> props = scripted("guard-poll-error");
        props.put("scripted.value-deserializer", ErrorThrowingDeserializer.class.getName());
        String topic = props.get("scripted.topic").toString();
        String group = props.get("scripted.group-id").toString();
        try (KafkaProducer<byte[], byte[]> producer = TestKafka.rawProducer()) {
            for (String value : List.of("0", "1", "2", "error", "4")) {
                producer.send(new ProducerRecord<>(topic, 0, null, value.getBytes(StandardCharsets.UTF_8))).get();
            }
        }

        FunctionsInstance server = FunctionsInstance.start(props);
        ScriptedListener.Script script = server.bean(ScriptedListener.Script.class);
        try {
            BlockingHttpClient http = server.http();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HttpClientResponseException down = assertThrows(HttpClientResponseException.class, () -> http.retrieve(HttpRequest.GET("/health")));
                assertThat(down.getStatus().getCode()).isEqualTo(503);
                assertThat(down.getResponse().getBody(String.class).orElseThrow())
                    .contains("scripted consumer stopped by java.lang.OutOfMemoryError (scripted inside poll()) inside poll()");
            });
        } finally {
            assertTimeoutPreemptively(Duration.ofSeconds(30), server::close, "shutdown after an Error inside poll() must not hang");
        }
        assertThat(script.processed).as("nothing from the failing record on").doesNotContain("4").hasSizeLessThanOrEqualTo(3);
        assertThat(TestKafka.committed(group)).as("exactly what was processed").isEqualTo(script.processed.size());
    }

    @Test
    void aListenerThatStopsPollingIsDownUntilItPollsAgain() throws Exception {
        Map<String, Object> props = scripted("guard-stall");
        props.put("scripted.blocking", "7");
        props.put("listeners.stall-timeout", "2s");
        String group = props.get("scripted.group-id").toString();
        produce(props.get("scripted.topic").toString(), 10);

        try (FunctionsInstance server = FunctionsInstance.start(props)) {
            ScriptedListener.Script script = server.bean(ScriptedListener.Script.class);
            BlockingHttpClient http = server.http();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpClientResponseException down = assertThrows(HttpClientResponseException.class, () -> http.retrieve(HttpRequest.GET("/health")));
                assertThat(down.getStatus().getCode()).isEqualTo(503);
                assertThat(down.getResponse().getBody(String.class).orElseThrow()).contains("the consumer has not polled for");
            });
            assertThat(script.processed).hasSize(7);
            script.release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.committed(group) == 10);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> http.exchange(HttpRequest.GET("/health")).code() == 200);
        }
    }

    private static Map<String, Object> scripted(String name) throws Exception {
        return scripted(name, 1);
    }

    private static Map<String, Object> scripted(String name, int partitions) throws Exception {
        Map<String, Object> props = TestKafka.isolated(name);
        String topic = name + "-scripted";
        props.put("functions", "registry");
        props.put("topics.readings", topic);
        props.put("scripted.topic", topic);
        props.put("scripted.group-id", name + "-scripted");
        props.put("dead-letter.initial-backoff", "50ms");
        try (var admin = TestKafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        return props;
    }

    private static void produce(String topic, int count) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = TestKafka.rawProducer()) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(producer.send(new ProducerRecord<>(topic, 0, null, Integer.toString(i).getBytes(StandardCharsets.UTF_8))));
            }
            for (var future : sent) {
                future.get();
            }
        }
    }
}
