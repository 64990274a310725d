package io.sensorfunctions.kafka;

import io.micronaut.configuration.kafka.config.AbstractKafkaConfiguration;
import io.micronaut.configuration.kafka.config.AbstractKafkaConsumerConfiguration;
import io.micronaut.configuration.kafka.config.AbstractKafkaProducerConfiguration;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.TypeHint;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;

import java.util.Properties;
import javax.security.auth.Subject;

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
// What Kafka's clients reach by reflection, registered for the native executable, where the reachability metadata of
// kafka-clients (written for 3.5) does not: the JDK's Subject API, which Kafka 3.8+ looks up when a SASL client logs
// in (CompositeStrategy: Subject.current and callAs, or the legacy AccessController.doPrivileged and getContext), and
// lz4-java's pure-Java codecs, which its factories load by name and construct or read INSTANCE from (their JNI
// library is not in the executable, so they fall back to these), for compression.type=lz4 and for reading lz4 batches.
@TypeHint(value = Subject.class, typeNames = {"java.security.AccessController",
    "net.jpountz.lz4.LZ4JavaUnsafeCompressor", "net.jpountz.lz4.LZ4HCJavaUnsafeCompressor",
    "net.jpountz.lz4.LZ4JavaUnsafeFastDecompressor", "net.jpountz.lz4.LZ4JavaUnsafeSafeDecompressor",
    "net.jpountz.lz4.LZ4JavaSafeCompressor", "net.jpountz.lz4.LZ4HCJavaSafeCompressor",
    "net.jpountz.lz4.LZ4JavaSafeFastDecompressor", "net.jpountz.lz4.LZ4JavaSafeSafeDecompressor",
    "net.jpountz.xxhash.XXHash32JavaUnsafe", "net.jpountz.xxhash.XXHash32JavaSafe",
    "net.jpountz.xxhash.XXHash64JavaUnsafe", "net.jpountz.xxhash.XXHash64JavaSafe",
    "net.jpountz.xxhash.StreamingXXHash32JavaUnsafe$Factory", "net.jpountz.xxhash.StreamingXXHash32JavaSafe$Factory",
    "net.jpountz.xxhash.StreamingXXHash64JavaUnsafe$Factory", "net.jpountz.xxhash.StreamingXXHash64JavaSafe$Factory"},
    accessType = {TypeHint.AccessType.ALL_PUBLIC_METHODS, TypeHint.AccessType.ALL_PUBLIC_FIELDS,
        TypeHint.AccessType.ALL_DECLARED_CONSTRUCTORS})
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
