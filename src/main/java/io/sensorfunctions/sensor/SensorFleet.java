package io.sensorfunctions.sensor;

import io.sensorfunctions.avro.SensorReading;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fleet's shared step counter. The emitter and bursts without an explicit start take steps from here, so
 * together they continue one series instead of repeating steps.
 */
@Singleton
public class SensorFleet {

    private final SensorFleetConfiguration configuration;
    private final List<SensorSpec> sensors;
    private final AtomicLong nextStep;

    SensorFleet(SensorFleetConfiguration configuration, List<SensorSpec> sensors) {
        if (sensors.isEmpty()) {
            throw new IllegalStateException("sensors.fleet configures no sensor; the emitter and trigger need at least one");
        }
        this.configuration = configuration;
        this.sensors = sensors.stream().sorted(Comparator.comparing(SensorSpec::id)).toList();
        this.nextStep = new AtomicLong(configuration.startStep());
    }

    /**
     * Reserves consecutive steps.
     *
     * @param steps how many, at least 1
     * @return the first reserved step
     */
    public long reserve(long steps) {
        return nextStep.getAndAdd(steps);
    }

    /** The sensors, sorted by id. */
    public List<SensorSpec> sensors() {
        return sensors;
    }

    /**
     * @param sensor one of {@link #sensors()}
     * @param step   time step
     * @param at     event time stamped on the reading
     * @return the sensor's reading for that step
     */
    public SensorReading reading(SensorSpec sensor, long step, Instant at) {
        return new SensorReading(at, sensor.id(), SensorModel.value(sensor, step, configuration.seed()));
    }
}
