package io.sensorfunctions.observability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.sensorfunctions.listener.RecordGuard;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees of a running instance, on a real broker: the Prometheus scrape with the Kafka clients' own
 * metrics, the groups' lag from the broker, our record counters, burst progress and the registry's requests by
 * outcome; liveness and readiness; and the coordinates of a failed record on its log line.
 */
@IntegrationTest
class ObservabilityTest {

    @Test
    void prometheusHealthProbesAndRecordCoordinatesInTheLog() throws Exception {
        Map<String, Object> props = TestKafka.isolated("observe");
        props.put("functions", "trigger,reader,alerts,registry");
        props.put("observability.lag-interval", "500ms");
        String topic = props.get("topics.readings").toString();
        String readers = props.get("reader.group-id").toString();
        ListAppender<ILoggingEvent> guardLog = new ListAppender<>();
        guardLog.start();
        ((Logger) LoggerFactory.getLogger(RecordGuard.class)).addAppender(guardLog);
        ListAppender<ILoggingEvent> meterLog = new ListAppender<>();
        meterLog.start();
        ((Logger) LoggerFactory.getLogger("io.micrometer")).addAppender(meterLog);

        try (FunctionsInstance server = FunctionsInstance.start(props);
             KafkaProducer<byte[], byte[]> producer = TestKafka.rawProducer()) {
            BlockingHttpClient http = server.http();
            http.exchange(HttpRequest.POST("/produce", "{\"events\": 5, \"delayMs\": 0}").contentType(MediaType.APPLICATION_JSON));
            producer.send(new ProducerRecord<>(topic, 1, "pill".getBytes(StandardCharsets.UTF_8),
                "not avro".getBytes(StandardCharsets.UTF_8))).get();
            await().atMost(Duration.ofSeconds(60)).until(() -> TestKafka.committed(readers) == 41);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String scrape = http.retrieve(HttpRequest.GET("/prometheus"));
                assertThat(value(scrape, "sensor_records_processed_total", "function=\"reader\"")).isEqualTo(40);
                assertThat(value(scrape, "sensor_records_processed_total", "function=\"alerts\"")).isEqualTo(40);
                assertThat(value(scrape, "sensor_records_dead_lettered_total", "function=\"reader\"", "kind=\"wrong-magic-byte\""))
                    .isEqualTo(1);
                assertThat(value(scrape, "sensor_records_retried_total", "function=\"reader\"")).isZero();
                assertThat(value(scrape, "sensor_records_skipped_total", "function=\"reader\"")).isZero();
                assertThat(value(scrape, "sensor_partitions_waiting", "function=\"reader\"")).isZero();
                assertThat(value(scrape, "sensor_records_sent_total")).isEqualTo(40);
                assertThat(value(scrape, "sensor_records_send_failed_total")).isZero();
                assertThat(value(scrape, "sensor_bursts_running")).isZero();
                assertThat(value(scrape, "sensor_bursts_remaining")).isZero();
                // The broker's view of the groups: every partition committed to its end.
                for (int partition = 0; partition < 4; partition++) {
                    assertThat(value(scrape, "kafka_consumer_group_lag", "group=\"" + readers + "\"",
                        "partition=\"" + partition + "\"", "topic=\"" + topic + "\"")).isZero();
                }
                // The Kafka clients' own metrics, through micronaut-kafka's binders.
                assertThat(scrape).containsPattern("(?m)^kafka_consumer_records_consumed_total_records_total\\{.*client_id=\"sensor-reader-");
                // Kafka reports some metrics per client and per node, topic or partition: all reach the scrape, the
                // client's with the finer tags empty, which Prometheus stores as absent (KafkaMeterTagFilter).
                assertThat(scrape).containsPattern("(?m)^kafka_producer_record_send\\{client_id=\"sensor-emitter\",node_id=\"\",topic=\"\"} 40");
                assertThat(scrape).containsPattern("(?m)^kafka_producer_record_send\\{client_id=\"sensor-emitter\",node_id=\"\",topic=\""
                    + Pattern.quote(topic) + "\"} 40");
                assertThat(scrape).containsPattern("(?m)^kafka_consumer_request_total_requests\\{client_id=\"sensor-reader-[^\"]*\",node_id=\"node-\\d+\"");
                assertThat(scrape).containsPattern("(?m)^kafka_consumer_records_lag_max_records\\{client_id=\"sensor-reader-[^\"]*\",node_id=\"\","
                    + "partition=\"1\",topic=\"" + Pattern.quote(topic) + "\"} ");
                // The registry's requests by outcome: the serializer registered the schema, the readers fetched it.
                assertThat(scrape).containsPattern("(?m)^http_server_requests_seconds_count\\{.*status=\"200\".*uri=\"/subjects/\\{subject}/versions\"");
                assertThat(scrape).containsPattern("(?m)^http_server_requests_seconds_count\\{.*status=\"200\".*uri=\"/schemas/ids/\\{id}\"");
            });

            assertThat(http.retrieve(HttpRequest.GET("/health/liveness"))).contains("\"status\":\"UP\"");
            assertThat(http.retrieve(HttpRequest.GET("/health/readiness"))).contains("\"status\":\"UP\"");

            ILoggingEvent deadLettered = guardLog.list.stream().filter(e -> e.getFormattedMessage().contains("dead-lettered"))
                .filter(e -> e.getMDCPropertyMap().get("group").equals(readers)).findFirst().orElseThrow();
            assertThat(deadLettered.getMDCPropertyMap()).containsEntry("topic", topic).containsEntry("partition", "1")
                .containsKey("offset");
            assertThat(meterLog.list).as("Micrometer's warnings, e.g. a meter Prometheus refused")
                .filteredOn(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        } finally {
            ((Logger) LoggerFactory.getLogger(RecordGuard.class)).detachAppender(guardLog);
            ((Logger) LoggerFactory.getLogger("io.micrometer")).detachAppender(meterLog);
        }
    }

    @Test
    void livenessIsDownOnlyWhenAListenerStoppedForGood() {
        Map<String, Object> props = TestKafka.isolated("liveness");
        props.put("functions", "reader,registry");
        props.put("reader.auto-offset-reset", "none");
        try (FunctionsInstance server = FunctionsInstance.start(props)) {
            BlockingHttpClient http = server.http();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HttpClientResponseException down = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
                    () -> http.retrieve(HttpRequest.GET("/health/liveness")));
                assertThat(down.getStatus().getCode()).isEqualTo(503);
            });
            HttpClientResponseException notReady = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
                () -> http.retrieve(HttpRequest.GET("/health/readiness")));
            assertThat(notReady.getStatus().getCode()).isEqualTo(503);
        }
    }

    /** The sample of {@code name} whose labels contain every one of {@code labels}; fails when there is none. */
    private static double value(String scrape, String name, String... labels) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(scrape);
        while (sample.find()) {
            String found = sample.group(1) == null ? "" : sample.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                return Double.parseDouble(sample.group(2));
            }
        }
        throw new AssertionError("no sample " + name + " with " + String.join(",", labels) + " in the scrape");
    }
}
