package io.sensorfunctions.sensor;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import io.sensorfunctions.Function;
import io.sensorfunctions.RequiresFunction;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The emitter function: every {@code sensors.interval} it produces the fleet's next step. It stops emitting as soon
 * as the context begins to shut down, so no tick races the producer's close.
 */
@Singleton
@RequiresFunction(Function.EMITTER)
class SensorEmitterJob implements ApplicationEventListener<ShutdownEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(SensorEmitterJob.class);
    private static final int SUMMARY_EVERY_STEPS = 100;

    private final SensorFleet fleet;
    private final SensorReadingPublisher publisher;
    private long emittedSteps;
    private volatile boolean stopping;

    SensorEmitterJob(SensorFleet fleet, SensorReadingPublisher publisher) {
        this.fleet = fleet;
        this.publisher = publisher;
    }

    @Scheduled(fixedDelay = "${sensors.interval}", initialDelay = "${sensors.initial-delay:1s}")
    void emit() {
        if (stopping) {
            return;
        }
        long step = fleet.reserve(1);
        publisher.publish(step, Level.DEBUG);
        if (emittedSteps++ % SUMMARY_EVERY_STEPS == 0) {
            LOG.info("Emitter at step {}: {} sensors per step (per-record lines at DEBUG)", step, fleet.sensors().size());
        }
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        stopping = true;
    }
}
