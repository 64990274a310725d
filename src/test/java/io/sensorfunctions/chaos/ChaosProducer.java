package io.sensorfunctions.chaos;

import io.sensorfunctions.serde.KafkaAvroSerializer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A chaos test's readings, produced from a thread of their own while the test kills things: acks=all and idempotent,
 * with a delivery timeout long enough to ride out a broker restart, and the identity of every acknowledged record kept.
 */
abstract class ChaosProducer extends Thread {

    /** The identities of the records the broker acknowledged. */
    final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> error = new AtomicReference<>();
    /** Avro values through the registry at {@code registryUrl}, String keys. */
    protected final KafkaProducer<String, Object> producer;

    ChaosProducer(String name, String bootstrap, String registryUrl) {
        super(name);
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(Map.of("schema.registry.url", registryUrl), false);
        this.producer = new KafkaProducer<>(config(bootstrap), new StringSerializer(), serializer);
    }

    /** @return the settings of every producer of a chaos test */
    static Map<String, Object> config(String bootstrap) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000,
            ProducerConfig.LINGER_MS_CONFIG, 5);
    }

    /** Sends the records, on this thread; the producer is flushed and closed after. */
    protected abstract void produce() throws Exception;

    @Override
    public final void run() {
        try {
            produce();
            producer.flush();
        } catch (Exception e) {
            error.set(e);
        } finally {
            producer.close();
        }
    }

    /** @return a callback that keeps {@code identity} once acknowledged, and counts a failed send */
    protected Callback acknowledging(String identity) {
        return (metadata, e) -> {
            if (e == null) {
                acked.add(identity);
            } else {
                failed.incrementAndGet();
            }
        };
    }

    /** Waits until {@code sent} records are due at {@code ratePerSecond} since {@code started} (System.nanoTime). */
    protected static void pace(long started, long sent, int ratePerSecond) {
        LockSupport.parkNanos(started + sent * 1_000_000_000L / ratePerSecond - System.nanoTime());
    }

    void awaitAcked(int count) {
        await().atMost(Duration.ofSeconds(120)).until(() -> acked.size() >= count || error.get() != null);
        assertThat(error.get()).isNull();
    }

    void finish() throws InterruptedException {
        join(TimeUnit.MINUTES.toMillis(4));
        assertThat(isAlive()).as("production finished").isFalse();
        assertThat(error.get()).isNull();
        assertThat(failed.get()).as("sends that failed").isZero();
    }
}
