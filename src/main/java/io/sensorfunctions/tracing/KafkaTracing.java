package io.sensorfunctions.tracing;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.instrumentation.kafkaclients.v2_6.KafkaTelemetry;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenTelemetry for the Kafka clients, on only when traces go somewhere: {@code otel.traces.exporter} set to an
 * exporter other than {@code none} (e.g. {@code OTEL_TRACES_EXPORTER=otlp} with {@code OTEL_EXPORTER_OTLP_ENDPOINT}),
 * or a {@link SpanProcessor} bean. Off, it costs nothing per record: producers are not wrapped and no span is made.
 *
 * <p>On, producers are wrapped by OpenTelemetry's own Kafka instrumentation ({@link KafkaTelemetry}): each send is a
 * {@code PRODUCER} span, child of the current context (the trigger's HTTP request), whose W3C {@code traceparent}
 * travels in the record's headers. The listeners' processing is a {@code CONSUMER} span named
 * {@code <topic> process}, child of that producer span, made current while the record is processed, so the alerts
 * function's own sends are its children. micronaut-tracing's Kafka module, which would do this, is not on the Maven
 * Central mirror these machines reach; its consumer wrapper would also hide the {@code ErrorSafeConsumer} the
 * listeners rely on, hence the process spans here.
 */
@Singleton
public class KafkaTracing {

    private static final TextMapGetter<ConsumerRecord<?, ?>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ConsumerRecord<?, ?> record) {
            List<String> keys = new ArrayList<>();
            record.headers().forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(ConsumerRecord<?, ?> record, String key) {
            if (record == null) {
                return null;
            }
            Header header = record.headers().lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final boolean enabled;
    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;
    private final KafkaTelemetry telemetry;

    KafkaTracing(@Value("${otel.traces.exporter:none}") String exporter, BeanProvider<SpanProcessor> processors,
                 BeanProvider<OpenTelemetry> openTelemetry) {
        this.enabled = openTelemetry.isPresent() && (!"none".equalsIgnoreCase(exporter.trim()) || processors.isPresent());
        this.openTelemetry = enabled ? openTelemetry.get() : OpenTelemetry.noop();
        this.tracer = this.openTelemetry.getTracer("io.sensorfunctions");
        this.telemetry = enabled ? KafkaTelemetry.create(this.openTelemetry) : null;
    }

    /** @return true when spans are made and exported */
    public boolean enabled() {
        return enabled;
    }

    /** @return the producer, wrapped to trace each send when tracing is on */
    public <K, V> Producer<K, V> wrap(Producer<K, V> producer) {
        return enabled ? telemetry.wrap(producer) : producer;
    }

    /**
     * Starts the {@code <topic> process} span of a consumed record, child of the context its headers carry; the
     * caller makes it current while processing and ends it. Call only when {@link #enabled()}.
     *
     * @param record the record about to be processed
     * @param group  the consumer group processing it
     * @return the started span
     */
    public Span startProcess(ConsumerRecord<?, ?> record, String group) {
        Context parent = openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(), record, HEADERS);
        return tracer.spanBuilder(record.topic() + " process").setParent(parent).setSpanKind(SpanKind.CONSUMER)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.operation.type", "process")
            .setAttribute("messaging.destination.name", record.topic())
            .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
            .setAttribute("messaging.kafka.offset", record.offset())
            .setAttribute("messaging.consumer.group.name", group)
            .startSpan();
    }
}
