package io.sensorfunctions.sensor;

import io.sensorfunctions.avro.SensorReading;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Produces one step of the whole fleet, one record per sensor, and logs each acknowledged record the way the seed's
 * producer does: {@code Sensor event sensor0 produced to sensor-readings [2] at offset 17}.
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
     * @param step     time step to emit
     * @param logLevel level of the per-record line (DEBUG for the continuous emitter, INFO for bursts)
     * @return one future per sensor, completed when the broker acknowledged the record or failed
     */
    public List<CompletableFuture<Void>> publish(long step, Level logLevel) {
        Instant now = Instant.now();
        return fleet.sensors().stream().map(sensor -> send(fleet.reading(sensor, step, now), step, logLevel)).toList();
    }

    private CompletableFuture<Void> send(SensorReading reading, long step, Level logLevel) {
        CompletableFuture<org.apache.kafka.clients.producer.RecordMetadata> sent;
        try {
            sent = client.send(reading.getId(), reading);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((metadata, error) -> {
            if (error != null) {
                LOG.warn("Sensor event {} at step {} failed: {}", reading.getId(), step, rootMessage(error));
                throw new IllegalStateException(error);
            }
            LOG.atLevel(logLevel).log("Sensor event {} produced to {} [{}] at offset {}",
                reading.getId(), metadata.topic(), metadata.partition(), metadata.offset());
            return null;
        });
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
