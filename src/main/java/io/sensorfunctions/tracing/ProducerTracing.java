package io.sensorfunctions.tracing;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;

/** Wraps every producer micronaut-kafka creates for OpenTelemetry, when {@link KafkaTracing} is on. */
@Singleton
class ProducerTracing implements BeanCreatedEventListener<Producer<?, ?>> {

    private final KafkaTracing tracing;

    ProducerTracing(KafkaTracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public Producer<?, ?> onCreated(BeanCreatedEvent<Producer<?, ?>> event) {
        return tracing.wrap(event.getBean());
    }
}
