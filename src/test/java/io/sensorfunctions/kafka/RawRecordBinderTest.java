package io.sensorfunctions.kafka;

import io.micronaut.configuration.kafka.bind.ConsumerRecordBinderRegistry;
import io.micronaut.configuration.kafka.bind.KafkaDefaultBinder;
import io.micronaut.configuration.kafka.bind.batch.BatchConsumerRecordsBinderRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.bind.ArgumentBinder;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.ExecutableMethod;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What micronaut-kafka binds per poll for each listener: the reader and alerts batch listeners get the poll's
 * {@link ConsumerRecords} itself, nothing made per record; the dashboard's record listeners get each record through
 * {@link RawRecordBinder}, not a per-record {@link KafkaDefaultBinder}.
 */
@IntegrationTest
class RawRecordBinderTest {

    @Test
    void batchListenersGetThePollAsItIsAndRecordListenersTheTypedBinder() {
        Map<String, Object> props = TestKafka.isolated("binder");
        props.put("functions", "reader,alerts,registry,dashboard");
        try (ApplicationContext context = ApplicationContext.run(props)) {
            BatchConsumerRecordsBinderRegistry batches = context.getBean(BatchConsumerRecordsBinderRegistry.class);
            ConsumerRecords<byte[], byte[]> poll = new ConsumerRecords<>(Map.of(new TopicPartition("t", 0),
                List.of(new ConsumerRecord<>("t", 0, 0L, new byte[0], new byte[0]))));
            for (String listener : List.of("io.sensorfunctions.reader.SensorReadingListener", "io.sensorfunctions.alerts.SensorAlertsListener")) {
                Argument<Object> records = firstArgument(context, listener);
                assertThat(records.getType()).as(listener).isEqualTo(ConsumerRecords.class);
                ArgumentBinder<Object, ConsumerRecords<?, ?>> binder = batches.findArgumentBinder(records).orElseThrow();
                assertThat(binder.bind(ConversionContext.of(records), poll).getValue()).as(listener).containsSame(poll);
            }

            ConsumerRecordBinderRegistry singles = context.getBean(ConsumerRecordBinderRegistry.class);
            for (String listener : List.of("io.sensorfunctions.dashboard.DashboardListener$Readings",
                "io.sensorfunctions.dashboard.DashboardListener$Alerts")) {
                Argument<Object> record = firstArgument(context, listener);
                assertThat(record.getType()).as(listener).isEqualTo(ConsumerRecord.class);
                assertThat(singles.findArgumentBinder(record)).as(listener).get().isInstanceOf(RawRecordBinder.class);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Argument<Object> firstArgument(ApplicationContext context, String listener) {
        BeanDefinition<?> definition = context.getBeanDefinitions(Object.class).stream()
            .filter(d -> d.getBeanType().getName().equals(listener)).findFirst().orElseThrow();
        ExecutableMethod<?, ?> receive = definition.getExecutableMethods().stream()
            .filter(m -> m.getMethodName().equals("receive")).findFirst().orElseThrow();
        return (Argument<Object>) receive.getArguments()[0];
    }
}
