package io.sensorfunctions.kafka;

import io.micronaut.configuration.kafka.config.AbstractKafkaConfiguration;
import io.micronaut.configuration.kafka.config.AbstractKafkaConsumerConfiguration;
import io.micronaut.configuration.kafka.config.AbstractKafkaProducerConfiguration;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;

import java.util.Properties;

/**
 * Makes environment variables reach each named Kafka client: {@code KAFKA_CONSUMERS_DEFAULT_MAX_POLL_RECORDS=100}
 * becomes {@code max.poll.records} of the default consumers, {@code KAFKA_CONSUMERS_SENSOR_READERS_GROUP_INSTANCE_ID}
 * the {@code group.instance.id} of group {@code sensor-readers}, {@code KAFKA_PRODUCERS_SENSOR_EMITTER_*} the
 * emitter's producer. micronaut-kafka 5.9 reads {@code kafka.consumers.<name>} and {@code kafka.producers.<name>} with
 * {@code Environment.getProperties(prefix, StringConvention.RAW)}, which leaves out environment variables (only the
 * top-level {@code kafka.*} map sees them), so every such variable was silently ignored. This fills that gap and no
 * more: it asks the environment for the same prefix as a map, which does include them, and keeps the dotted keys,
 * Kafka's and Confluent's form ({@code max.poll.records}); the dashed spellings Micronaut derives from a variable's
 * name are left out. Runs before {@link GroupProtocolConfigurer}, so {@code KAFKA_CONSUMERS_DEFAULT_GROUP_PROTOCOL}
 * counts there too.
 */
@Singleton
class ClientEnvironmentConfigurer implements BeanCreatedEventListener<AbstractKafkaConfiguration<?, ?>>, Ordered {

    private final Environment environment;

    ClientEnvironmentConfigurer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public AbstractKafkaConfiguration<?, ?> onCreated(BeanCreatedEvent<AbstractKafkaConfiguration<?, ?>> event) {
        AbstractKafkaConfiguration<?, ?> configuration = event.getBean();
        String kind;
        if (configuration instanceof AbstractKafkaConsumerConfiguration<?, ?>) {
            kind = "consumers";
        } else if (configuration instanceof AbstractKafkaProducerConfiguration<?, ?>) {
            kind = "producers";
        } else {
            // The top-level kafka.* configuration: micronaut-kafka already reads it with environment variables.
            return configuration;
        }
        String name = event.getBeanIdentifier().getName();
        overlay(configuration.getConfig(), environment.getProperty("kafka." + kind + "." + (name.isEmpty() ? "default" : name),
            Properties.class).orElseGet(Properties::new));
        return configuration;
    }

    /** Puts every key of {@code resolved} without a dash into {@code config}, replacing what is there. */
    static void overlay(Properties config, Properties resolved) {
        resolved.forEach((key, value) -> {
            if (!key.toString().contains("-")) {
                config.put(key, value);
            }
        });
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
