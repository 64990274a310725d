package io.sensorfunctions.tracing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace across the topic, on a real broker, with OpenTelemetry's in-memory exporter: the trigger's
 * {@code POST /produce} is the root, each send its child, and the reader's and the alerts function's processing of
 * each record the send's child; the alerts written while processing are children of that processing. Without an
 * exporter, nothing is traced.
 */
@IntegrationTest
class TracingTest {

    static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

    @Factory
    @Requires(property = "tracing-test", value = "true")
    static class InMemoryExport {
        @Singleton
        SpanProcessor inMemory() {
            return SimpleSpanProcessor.create(EXPORTER);
        }
    }

    @Test
    void oneTraceLinksTheRequestTheSendsAndBothListenersProcessing() {
        Map<String, Object> props = TestKafka.isolated("tracing");
        props.put("functions", "trigger,reader,alerts,registry");
        props.put("tracing-test", "true");
        props.put("alerts.jump", "0.000001");
        String topic = props.get("topics.readings").toString();
        String alertsTopic = props.get("topics.alerts").toString();
        try (FunctionsInstance server = FunctionsInstance.start(props)) {
            BlockingHttpClient http = server.http();
            assertThat(server.bean(KafkaTracing.class).enabled()).isTrue();
            EXPORTER.reset();
            http.exchange(HttpRequest.POST("/produce", "{\"events\": 1, \"delayMs\": 0}").contentType(MediaType.APPLICATION_JSON));

            await().atMost(Duration.ofSeconds(60)).until(() -> processed(topic).size() == 16);
            List<SpanData> spans = EXPORTER.getFinishedSpanItems();
            SpanData request = spans.stream().filter(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/produce"))
                .findFirst().orElseThrow();
            List<SpanData> sends = spans.stream().filter(s -> s.getKind() == SpanKind.PRODUCER
                && s.getName().startsWith(topic + " ")).toList();
            assertThat(sends).hasSize(8).allSatisfy(send -> {
                assertThat(send.getTraceId()).isEqualTo(request.getTraceId());
                assertThat(send.getParentSpanId()).isEqualTo(request.getSpanId());
            });
            Set<String> sendIds = sends.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
            List<SpanData> processed = processed(topic);
            assertThat(processed).allSatisfy(span -> {
                assertThat(span.getTraceId()).isEqualTo(request.getTraceId());
                assertThat(sendIds).contains(span.getParentSpanId());
            });
            assertThat(processed.stream().map(s -> s.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals("messaging.consumer.group.name")).findFirst().orElseThrow().getValue())
                .collect(Collectors.toSet())).containsExactlyInAnyOrder(props.get("reader.group-id"), props.get("alerts.group-id"));

            await().atMost(Duration.ofSeconds(30)).until(() -> EXPORTER.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getKind() == SpanKind.PRODUCER && s.getName().startsWith(alertsTopic + " ")));
            Set<String> alertsProcessing = processed.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
            assertThat(EXPORTER.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.PRODUCER && s.getName().startsWith(alertsTopic + " ")))
                .allSatisfy(alert -> {
                    assertThat(alert.getTraceId()).isEqualTo(request.getTraceId());
                    assertThat(alertsProcessing).contains(alert.getParentSpanId());
                });
        }
    }

    @Test
    void withoutAnExporterNothingIsTraced() {
        Map<String, Object> props = TestKafka.isolated("untraced");
        props.put("functions", "reader,registry");
        try (ApplicationContext context = ApplicationContext.run(props)) {
            assertThat(context.getBean(KafkaTracing.class).enabled()).isFalse();
        }
    }

    private static List<SpanData> processed(String topic) {
        return EXPORTER.getFinishedSpanItems().stream()
            .filter(s -> s.getKind() == SpanKind.CONSUMER && s.getName().equals(topic + " process")).toList();
    }
}
