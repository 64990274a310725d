package io.sensorfunctions.sensor;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.kafka.Failures;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * The emitter function: every {@code sensors.interval}, after {@code sensors.initial-delay}, it produces the fleet's
 * next step. A step whose sends fail (the broker is away) logs one warning with the count; the job goes on, and
 * recovers by itself when the broker answers again.
 *
 * <p>Scheduled through Micronaut's {@link TaskScheduler} rather than {@code @Scheduled}, whose every tick fetches the
 * bean from the context: a tick during shutdown, after the job was destroyed, created a new job with a new fleet, which
 * emitted step 0 again through a producer being closed (the cluster chaos test saw it). This job's ticks hold this one
 * instance, and stop as soon as the context begins to shut down, before any producer closes.
 */
@Singleton
@RequiresFunction(EventFunction.EMITTER)
class SensorEmitterJob {

    private static final Logger LOG = LoggerFactory.getLogger(SensorEmitterJob.class);
    private static final int SUMMARY_EVERY_STEPS = 100;

    private final SensorFleet fleet;
    private final SensorReadingPublisher publisher;
    private final LongAdder failedSends = new LongAdder();
    private volatile String lastError;
    private volatile boolean lastStepFailed;
    private long emittedSteps;
    private final TaskScheduler scheduler;
    private final Duration initialDelay;
    private final Duration interval;
    private volatile boolean stopping;
    private ScheduledFuture<?> ticks;

    SensorEmitterJob(SensorFleet fleet, SensorReadingPublisher publisher, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                     @Value("${sensors.initial-delay}") Duration initialDelay, SensorFleetConfiguration configuration) {
        this.fleet = fleet;
        this.publisher = publisher;
        this.scheduler = scheduler;
        this.initialDelay = initialDelay;
        this.interval = configuration.interval();
    }

    @EventListener
    synchronized void start(StartupEvent event) {
        ticks = scheduler.scheduleWithFixedDelay(initialDelay, interval, this::emit);
    }

    private void emit() {
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

    /** Stops the ticks; one that is running finishes its step, whose sends the producer's close then flushes. */
    @EventListener
    synchronized void stop(ShutdownEvent event) {
        stopping = true;
        if (ticks != null) {
            ticks.cancel(false);
        }
    }
}
