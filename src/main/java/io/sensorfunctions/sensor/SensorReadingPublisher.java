package io.sensorfunctions.sensor;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.ProducerRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.type.Argument;
import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.topics.TopicsConfiguration;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Produces one step of the whole fleet, one record per sensor. Each record the emitter's path sends is logged at DEBUG
 * once acknowledged, the way the producer of Hopsworks' guide to external Python Kafka clients (2021) prints it
 * ({@code Sensor event sensor0 produced to sensor-readings [2] at offset 17}); failures are left to the caller, which
 * counts them and logs one line per step.
 */
@Singleton
public class SensorReadingPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SensorReadingPublisher.class);

    private final SensorFleet fleet;
    private final SensorReadingClient client;
    private final String topic;
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final ProducerRegistry producers;
    private volatile Producer<String, SensorReading> burstProducer;

    SensorReadingPublisher(SensorFleet fleet, SensorReadingClient client, TopicsConfiguration topics,
                           BeanProvider<MeterRegistry> meters, ProducerRegistry producers) {
        this.fleet = fleet;
        this.client = client;
        this.producers = producers;
        this.topic = topics.readings();
        meters.ifPresent(registry -> {
            FunctionCounter.builder("sensor.records.sent", sent, LongAdder::sum)
                .description("readings the broker acknowledged (emitter and trigger)").register(registry);
            FunctionCounter.builder("sensor.records.send.failed", failed, LongAdder::sum)
                .description("readings whose send failed (emitter and trigger)").register(registry);
        });
    }

    /** @return readings acknowledged since start */
    public long sentCount() {
        return sent.sum();
    }

    /** @return readings whose send failed since start */
    public long failedCount() {
        return failed.sum();
    }

    /**
     * What a caller learns of one step's records: each record's outcome, then the step's end. Both are called on the
     * producer's I/O thread, or on the caller's for a send refused before it reached the producer.
     */
    @FunctionalInterface
    public interface StepListener {
        /** @param metadata the record's partition and offset, or null when it failed with {@code error} */
        default void record(RecordMetadata metadata, Throwable error) {
        }

        /**
         * Every record of {@code step} is acknowledged or failed.
         *
         * @param step      the step
         * @param records   records of the step: one per sensor
         * @param failed    how many of them failed
         * @param lastError the last failure's cause, or null when none failed
         */
        void stepDone(long step, int records, int failed, Throwable lastError);
    }

    /**
     * The emitter's path: sends the step's readings through the declarative {@link SensorReadingClient}, and logs each
     * acknowledged record at DEBUG.
     *
     * @param step     time step to emit
     * @param listener told of each record and of the step's end
     */
    public void publish(long step, StepListener listener) {
        send(step, listener, (reading, sends) -> {
            CompletableFuture<RecordMetadata> sent = client.send(topic, reading.getId(), reading);
            sent.whenComplete((metadata, error) -> {
                sends.completed(metadata, error);
                if (error == null && LOG.isDebugEnabled()) {
                    LOG.debug("Sensor event {} produced to {} [{}] at offset {}", reading.getId(), metadata.topic(),
                        metadata.partition(), metadata.offset());
                }
            });
            return sent;
        });
    }

    /**
     * The trigger's burst path: sends the step's readings with the {@code sensor-emitter} client's producer itself
     * ({@code ProducerRegistry}, the same {@code kafka.producers.sensor-emitter} settings as {@link SensorReadingClient}),
     * one callback object per step and no future per record: at burst rates the declarative interface's interceptor
     * chain, result conversion and future per send cost more than the send (docs/performance.md).
     *
     * @param step     time step to emit
     * @param listener told of each record and of the step's end
     */
    public void publishBurst(long step, StepListener listener) {
        Producer<String, SensorReading> producer = burstProducer();
        send(step, listener, (reading, sends) -> producer.send(new ProducerRecord<>(topic, reading.getId(), reading), sends));
    }

    /** One record's send, handing its outcome to the step's callback. */
    private interface RecordSender {
        /** @return the send's future, already done when the producer refused the record before queueing it */
        Future<RecordMetadata> send(SensorReading reading, StepSends sends);
    }

    /**
     * Sends one reading per sensor. A send refused before it reached the producer (no metadata within
     * {@code max.block.ms}: the broker is away) fails the step's remaining sends at once with the same cause, so that
     * one step blocks its thread for one {@code max.block.ms} at most, not one per sensor.
     */
    private void send(long step, StepListener listener, RecordSender sender) {
        List<SensorSpec> sensors = fleet.sensors();
        StepSends sends = new StepSends(step, sensors.size(), listener);
        Instant now = Instant.now();
        Throwable refused = null;
        for (SensorSpec sensor : sensors) {
            if (refused != null) {
                sends.completed(null, refused);
                continue;
            }
            SensorReading reading = fleet.reading(sensor, step, now);
            try {
                // KafkaProducer reports a send it refused before queueing it (no metadata within max.block.ms) to the
                // callback inside send() and returns a completed future, where an accepted send's is still open.
                Future<RecordMetadata> sent = sender.send(reading, sends);
                if (sent.isDone()) {
                    refused = refusal(sent);
                }
            } catch (RuntimeException e) {
                refused = e;
                sends.completed(null, e);
            }
        }
    }

    private static Throwable refusal(Future<RecordMetadata> sent) {
        try {
            sent.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /**
     * The registry keeps one producer per client id and types, so a race here fetches the same instance twice; the
     * field only spares a registry lookup per step.
     */
    private Producer<String, SensorReading> burstProducer() {
        Producer<String, SensorReading> producer = burstProducer;
        if (producer == null) {
            producer = producers.getProducer(SensorReadingClient.ID, Argument.STRING, Argument.of(SensorReading.class));
            burstProducer = producer;
        }
        return producer;
    }

    /** One step's sends: counts them in, then tells the listener the step is done. */
    private final class StepSends implements Callback {
        private final long step;
        private final int records;
        private final StepListener listener;
        private final AtomicInteger left;
        private final AtomicInteger failedInStep = new AtomicInteger();
        private volatile Throwable lastError;

        StepSends(long step, int records, StepListener listener) {
            this.step = step;
            this.records = records;
            this.listener = listener;
            this.left = new AtomicInteger(records);
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            completed(metadata, error);
        }

        void completed(RecordMetadata metadata, Throwable error) {
            if (error == null) {
                sent.increment();
            } else {
                failed.increment();
                failedInStep.incrementAndGet();
                lastError = error;
            }
            listener.record(metadata, error);
            if (left.decrementAndGet() == 0) {
                listener.stepDone(step, records, failedInStep.get(), lastError);
            }
        }
    }
}
