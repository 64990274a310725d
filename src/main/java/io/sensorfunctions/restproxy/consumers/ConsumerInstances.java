package io.sensorfunctions.restproxy.consumers;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.kafka.Failures;
import io.sensorfunctions.kafka.KafkaSettings;
import io.sensorfunctions.restproxy.RestProxyConfiguration;
import io.sensorfunctions.restproxy.RestProxyException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The consumer instances this process holds, by group and name (Confluent REST Proxy v2 keeps them per process
 * too: a client goes back to the process named in its {@code base_uri}). Each is a {@code KafkaConsumer} made from the
 * {@code kafka.*} keys, then {@code kafka.consumers.rest-proxy.*}, then the request's settings. At most
 * {@code rest-proxy.max-consumer-instances} live at once; one unused for {@code rest-proxy.consumer-instance-timeout}
 * is closed, as is every one at shutdown, each leaving its group. Their number is the gauge
 * {@code sensor.rest-proxy.consumer-instances}.
 */
@Singleton
@RequiresFunction(EventFunction.REST_PROXY)
class ConsumerInstances {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerInstances.class);
    /** How often idle instances are looked for; an instance outlives its timeout by at most this. */
    private static final Duration SWEEP = Duration.ofSeconds(1);

    private record Key(String group, String name) {
    }

    private final Map<Key, ConsumerInstance> instances = new ConcurrentHashMap<>();
    private final AtomicInteger reserved = new AtomicInteger();
    private final RestProxyConfiguration configuration;
    private final Map<String, Object> consumerSettings = new HashMap<>();

    ConsumerInstances(RestProxyConfiguration configuration, Environment environment,
                      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, BeanProvider<MeterRegistry> meters) {
        this.configuration = configuration;
        consumerSettings.putAll(KafkaSettings.of(environment, "kafka", "kafka.consumers.rest-proxy"));
        consumerSettings.keySet().removeIf(key -> !ConsumerConfig.configNames().contains(key));
        scheduler.scheduleWithFixedDelay(SWEEP, SWEEP, this::closeIdle);
        meters.find(null).ifPresent(registry -> Gauge.builder("sensor.rest-proxy.consumer-instances", instances, Map::size)
            .description("consumer instances of the REST proxy open in this process").register(registry));
    }

    /**
     * Creates an instance in {@code group}.
     *
     * @return the instance, its consumer made (it joins the group at its first subscribe and read)
     * @throws RestProxyException 409 with 40902 when the group has an instance of that name here; 429 past
     *                            {@code rest-proxy.max-consumer-instances}; 422 with 42204 when Kafka refuses the settings
     */
    ConsumerInstance create(String group, ConsumerRequests.Create request) {
        String name = request.name() == null ? "rest-consumer-" + UUID.randomUUID() : request.name();
        Key key = new Key(group, name);
        if (instances.containsKey(key)) {
            throw exists(group, name);
        }
        if (reserved.incrementAndGet() > configuration.maxConsumerInstances()) {
            reserved.decrementAndGet();
            throw new RestProxyException(HttpStatus.TOO_MANY_REQUESTS, 42901, "This process holds "
                + configuration.maxConsumerInstances() + " consumer instances, its most (rest-proxy.max-consumer-instances): "
                + "delete one, or wait for idle ones to expire");
        }
        ConsumerInstance instance;
        try {
            instance = new ConsumerInstance(group, name, request.format(), request.requestTimeout() == null
                ? configuration.consumerRequestTimeout() : request.requestTimeout(), consumer(group, name, request));
        } catch (RuntimeException e) {
            reserved.decrementAndGet();
            throw e;
        }
        if (instances.putIfAbsent(key, instance) != null) {
            release(instance);
            throw exists(group, name);
        }
        return instance;
    }

    /** @throws RestProxyException 404 with 40403 when this process has no such instance */
    ConsumerInstance get(String group, String name) {
        ConsumerInstance instance = instances.get(new Key(group, name));
        if (instance == null) {
            throw ConsumerInstance.notFound(group, name);
        }
        return instance;
    }

    /**
     * Closes the instance, its consumer leaving the group, and forgets it.
     *
     * @throws RestProxyException 404 with 40403 when this process has no such instance
     */
    void delete(String group, String name) {
        ConsumerInstance instance = instances.remove(new Key(group, name));
        if (instance == null) {
            throw ConsumerInstance.notFound(group, name);
        }
        release(instance);
    }

    /** @return how many instances are open */
    int size() {
        return instances.size();
    }

    @PreDestroy
    void closeAll() {
        List<Key> keys = List.copyOf(instances.keySet());
        for (Key key : keys) {
            ConsumerInstance instance = instances.remove(key);
            if (instance != null) {
                release(instance);
            }
        }
    }

    private void closeIdle() {
        instances.forEach((key, instance) -> {
            if (instance.closeIfIdle(configuration.consumerInstanceTimeout()) && instances.remove(key, instance)) {
                reserved.decrementAndGet();
                LOG.info("rest-proxy: consumer instance {} of group {} closed after {} unused", key.name(), key.group(),
                    configuration.consumerInstanceTimeout());
            }
        });
    }

    private void release(ConsumerInstance instance) {
        try {
            instance.close();
        } finally {
            reserved.decrementAndGet();
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String group, String name, ConsumerRequests.Create request) {
        Map<String, Object> settings = new HashMap<>(consumerSettings);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "rest-proxy-" + group + "-" + name);
        if (request.autoOffsetReset() != null) {
            settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, request.autoOffsetReset());
        }
        if (request.autoCommit() != null) {
            settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, request.autoCommit());
        }
        if (request.fetchMinBytes() != null) {
            settings.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, request.fetchMinBytes());
        }
        try {
            return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw new RestProxyException(HttpStatus.UNPROCESSABLE_ENTITY, RestProxyException.INVALID_CONSUMER_SETTINGS,
                "Kafka refuses the consumer's settings: " + Failures.rootMessage(e));
        }
    }

    private static RestProxyException exists(String group, String name) {
        return new RestProxyException(HttpStatus.CONFLICT, RestProxyException.CONSUMER_ALREADY_EXISTS, "Consumer instance " + name
            + " already exists in group " + group);
    }
}
