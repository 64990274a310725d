package io.sensorfunctions.deadletter;

import io.micronaut.configuration.kafka.bind.ConsumerRecordBinderRegistry;
import io.micronaut.configuration.kafka.bind.KafkaDefaultBinder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.ExecutableMethod;
import io.sensorfunctions.IntegrationTest;
import io.sensorfunctions.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The listeners' record parameter finds our binder, not a per-record {@link KafkaDefaultBinder}. */
@IntegrationTest
class RawRecordBinderTest {

    @Test
    void everyListenersRecordParameterBindsThroughTheTypedBinder() {
        Map<String, Object> props = TestKafka.isolated("binder");
        props.put("functions", "reader,alerts,registry");
        try (ApplicationContext context = ApplicationContext.run(props)) {
            ConsumerRecordBinderRegistry registry = context.getBean(ConsumerRecordBinderRegistry.class);
            int checked = 0;
            for (String listener : new String[] {"io.sensorfunctions.reader.SensorReadingListener",
                "io.sensorfunctions.alerts.SensorAlertsListener"}) {
                BeanDefinition<?> definition = context.getBeanDefinitions(Object.class).stream()
                    .filter(d -> d.getBeanType().getName().equals(listener)).findFirst().orElseThrow();
                ExecutableMethod<?, ?> receive = definition.getExecutableMethods().stream()
                    .filter(m -> m.getMethodName().equals("receive")).findFirst().orElseThrow();
                Argument<?> record = receive.getArguments()[0];
                assertThat(record.getType()).isEqualTo(ConsumerRecord.class);
                assertThat(registry.findArgumentBinder(record)).get().isInstanceOf(RawRecordBinder.class);
                checked++;
            }
            assertThat(checked).isEqualTo(2);
        }
    }
}
