package io.sensorfunctions.sensor;

import io.sensorfunctions.avro.SensorReading;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Produces one step of the whole fleet, one record per sensor. Each acknowledged record is logged at DEBUG the way the
 * seed's producer prints it ({@code Sensor event sensor0 produced to sensor-readings [2] at offset 17}); failures are
 * left to the caller, which counts them and logs one line per step.
 */
@Singleton
public class SensorReadingPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SensorReadingPublisher.class);

    private final SensorFleet fleet;
    private final SensorReadingClient client;

    SensorReadingPublisher(SensorFleet fleet, SensorReadingClient client) {
        this.fleet = fleet;
        this.client = client;
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
        Instant now = Instant.now();
        List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>(fleet.sensors().size());
        RuntimeException refused = null;
        for (SensorSpec sensor : fleet.sensors()) {
            if (refused != null) {
                sent.add(CompletableFuture.failedFuture(refused));
                continue;
            }
            SensorReading reading = fleet.reading(sensor, step, now);
            try {
                sent.add(client.send(reading.getId(), reading).whenComplete((metadata, error) -> {
                    if (error == null && LOG.isDebugEnabled()) {
                        LOG.debug("Sensor event {} produced to {} [{}] at offset {}", reading.getId(), metadata.topic(),
                            metadata.partition(), metadata.offset());
                    }
                }));
            } catch (RuntimeException e) {
                refused = e;
                sent.add(CompletableFuture.failedFuture(e));
            }
        }
        return sent;
    }
}
