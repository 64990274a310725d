package io.sensorfunctions.sensor;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.topics.TopicsConfiguration;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * Produces one step of the whole fleet, one record per sensor. Each acknowledged record is logged at DEBUG the way the
 * producer of Hopsworks' Kafka guide (2021) prints it ({@code Sensor event sensor0 produced to sensor-readings [2] at offset 17}); failures are
 * left to the caller, which counts them and logs one line per step.
 */
@Singleton
public class SensorReadingPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SensorReadingPublisher.class);

    private final SensorFleet fleet;
    private final SensorReadingClient client;
    private final String topic;
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();

    SensorReadingPublisher(SensorFleet fleet, SensorReadingClient client, TopicsConfiguration topics,
                           BeanProvider<MeterRegistry> meters) {
        this.fleet = fleet;
        this.client = client;
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
     * Sends the step's readings. A send that fails before it is handed to the producer (no metadata within
     * {@code max.block.ms}: the broker is away) fails the step's remaining sends at once with the same cause, so that
     * one step blocks its thread for one {@code max.block.ms} at most, not one per sensor.
     *
     * @param step time step to emit
     * @return one future per sensor, completed when the broker acknowledged the record, or failed with the cause
     */
    public List<CompletableFuture<RecordMetadata>> publish(long step) {
        return publish(step, null);
    }

    /**
     * As {@link #publish(long)}, and tells {@code onEach} of each record's outcome first, from the producer's callback
     * (or at once for a send refused before it reached the producer), without a future of its own per record.
     *
     * @param step   time step to emit
     * @param onEach given the record's metadata, or null and the failure; may be null
     * @return one future per sensor, as {@link #publish(long)}
     */
    public List<CompletableFuture<RecordMetadata>> publish(long step, BiConsumer<RecordMetadata, Throwable> onEach) {
        Instant now = Instant.now();
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>(fleet.sensors().size());
        RuntimeException refused = null;
        for (SensorSpec sensor : fleet.sensors()) {
            if (refused != null) {
                failed(refused, onEach);
                futures.add(CompletableFuture.failedFuture(refused));
                continue;
            }
            SensorReading reading = fleet.reading(sensor, step, now);
            try {
                futures.add(client.send(topic, reading.getId(), reading).whenComplete((metadata, error) -> {
                    if (error != null) {
                        failed(error, onEach);
                        return;
                    }
                    sent.increment();
                    if (onEach != null) {
                        onEach.accept(metadata, null);
                    }
                    if (LOG.isDebugEnabled()) {
                        LOG.debug("Sensor event {} produced to {} [{}] at offset {}", reading.getId(), metadata.topic(),
                            metadata.partition(), metadata.offset());
                    }
                }));
            } catch (RuntimeException e) {
                refused = e;
                failed(e, onEach);
                futures.add(CompletableFuture.failedFuture(e));
            }
        }
        return futures;
    }

    private void failed(Throwable error, BiConsumer<RecordMetadata, Throwable> onEach) {
        failed.increment();
        if (onEach != null) {
            onEach.accept(null, error);
        }
    }
}
