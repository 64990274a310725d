package io.sensorfunctions.sensor;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.kafka.Failures;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.LongAdder;

/**
 * The emitter function: every {@code sensors.interval} it produces the fleet's next step. It stops emitting as soon
 * as the context begins to shut down, so no tick races the producer's close, and no tick comes after that
 * ({@code ScheduledTasksShutdown}). A step whose sends fail (the broker is
 * away) logs one warning with the count; the job goes on, and recovers by itself when the broker answers again.
 */
@Singleton
@RequiresFunction(EventFunction.EMITTER)
class SensorEmitterJob implements ApplicationEventListener<ShutdownEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(SensorEmitterJob.class);
    private static final int SUMMARY_EVERY_STEPS = 100;

    private final SensorFleet fleet;
    private final SensorReadingPublisher publisher;
    private final LongAdder failedSends = new LongAdder();
    private volatile String lastError;
    private volatile boolean lastStepFailed;
    private long emittedSteps;
    private volatile boolean stopping;

    SensorEmitterJob(SensorFleet fleet, SensorReadingPublisher publisher) {
        this.fleet = fleet;
        this.publisher = publisher;
    }

    @Scheduled(fixedDelay = "${sensors.interval}", initialDelay = "${sensors.initial-delay}")
    void emit() {
        if (stopping) {
            return;
        }
        long step = fleet.reserve(1);
        publisher.publish(step, this::stepDone);
        if (emittedSteps++ % SUMMARY_EVERY_STEPS == 0) {
            LOG.info("Emitter at step {}: {} sensors per step (per-record lines at DEBUG)", step, fleet.sensors().size());
        }
    }

    private void stepDone(long step, int records, int failed, Throwable error) {
        if (failed == 0) {
            lastStepFailed = false;
            return;
        }
        failedSends.add(failed);
        lastError = Failures.rootMessage(error);
        lastStepFailed = true;
        LOG.warn("Emitter step {}: {} of {} sends failed ({} failed since start): {}", step, failed, records,
            failedSends.sum(), lastError);
    }

    /** @return sends that failed since start */
    long failedSends() {
        return failedSends.sum();
    }

    /** @return true when a send of the latest completed step failed */
    boolean lastStepFailed() {
        return lastStepFailed;
    }

    /** @return the cause of the last failed send, or null */
    String lastError() {
        return lastError;
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        stopping = true;
    }
}
