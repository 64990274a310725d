package io.sensorfunctions.trigger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.opentelemetry.context.Context;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.sensor.SensorFleet;
import io.sensorfunctions.sensor.SensorReadingPublisher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * Starts bursts and remembers the last {@code trigger.kept-runs} of them. At most {@code trigger.max-running} run at
 * once; a running burst is never forgotten, and every burst stops at the step it reached when the application shuts
 * down.
 */
// Only where the trigger runs: as a ShutdownEvent listener it is created at every context's close, and it needs the
// trigger's configuration.
@Singleton
@RequiresFunction(EventFunction.TRIGGER)
class Bursts implements ApplicationEventListener<ShutdownEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(Bursts.class);

    private final SensorFleet fleet;
    private final SensorReadingPublisher publisher;
    private final TaskScheduler scheduler;
    private final ExecutorService blocking;
    private final int maxRunning;
    private final Map<String, Burst> bursts;
    private volatile boolean stopping;

    Bursts(SensorFleet fleet, SensorReadingPublisher publisher, TriggerConfiguration configuration,
                   @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                   @Named(TaskExecutors.BLOCKING) ExecutorService blocking, BeanProvider<MeterRegistry> meters) {
        this.blocking = blocking;
        this.fleet = fleet;
        this.publisher = publisher;
        this.scheduler = scheduler;
        this.maxRunning = configuration.maxRunning();
        int kept = configuration.keptRuns();
        this.bursts = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Burst> eldest) {
                return size() > kept && eldest.getValue().progress().done();
            }
        });
        meters.ifPresent(registry -> {
            Gauge.builder("sensor.bursts.running", this, bursts -> bursts.running().size())
                .description("bursts started by POST /produce and not done").register(registry);
            Gauge.builder("sensor.bursts.remaining", this, bursts -> bursts.running().stream().map(Burst::progress)
                    .mapToLong(progress -> progress.expected() - progress.produced() - progress.failed()).sum())
                .description("records the running bursts have still to produce").register(registry);
        });
    }

    private List<Burst> running() {
        synchronized (bursts) {
            return bursts.values().stream().filter(burst -> !burst.progress().done()).toList();
        }
    }

    /**
     * Starts a burst; its first step is produced at once, the next ones {@code delayMs} apart (with no delay, one after
     * the other on a blocking thread).
     *
     * @return the burst as accepted, before any of it is sent: what {@code POST /produce} answers, the same on every
     *         run, where a progress read after the start would race the first step's acknowledgements
     * @throws BurstRefusedException when {@code trigger.max-running} bursts run already, or while shutting down
     */
    Burst.Progress start(ProduceRequest request) {
        Burst burst;
        synchronized (bursts) {
            if (stopping) {
                throw new BurstRefusedException(BurstRefusedException.Reason.SHUTTING_DOWN, "the trigger is shutting down");
            }
            long running = running().size();
            if (running >= maxRunning) {
                throw new BurstRefusedException(BurstRefusedException.Reason.TOO_MANY_RUNNING, running + " bursts are running, the most trigger.max-running ("
                    + maxRunning + ") allows; wait for one to finish (GET /produce/{id})");
            }
            long start = request.start() != null ? request.start() : fleet.reserve(request.events());
            burst = new Burst(UUID.randomUUID().toString(), request, start, fleet.sensors().size());
            bursts.put(burst.id(), burst);
        }
        Burst.Progress accepted = burst.progress();
        LOG.info("Burst {}: {} events per sensor from step {}, {} ms apart", burst.id(), request.events(), burst.start(), request.delayMs());
        // The burst's sends continue the request's trace (when tracing is on) on other threads.
        Context trace = Context.current();
        if (request.delayMs() == 0) {
            // No pause between steps: the whole burst runs on one blocking thread, without a scheduler hop per step.
            blocking.execute(trace.wrap(() -> {
                long index = 0;
                while (index < request.events() && produceStep(burst, request, index)) {
                    index++;
                }
            }));
        } else {
            scheduler.schedule(Duration.ZERO, trace.wrap(() -> produceSteps(burst, request, 0, trace)));
        }
        return accepted;
    }

    Optional<Burst> find(String id) {
        return Optional.ofNullable(bursts.get(id));
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        stopping = true;
    }

    private void produceSteps(Burst burst, ProduceRequest request, long index, Context trace) {
        if (produceStep(burst, request, index) && index + 1 < request.events()) {
            scheduler.schedule(Duration.ofMillis(request.delayMs()), trace.wrap(() -> produceSteps(burst, request, index + 1, trace)));
        }
    }

    /** @return false when the burst was stopped by shutdown before this step */
    private boolean produceStep(Burst burst, ProduceRequest request, long index) {
        if (stopping) {
            burst.stop("stopped at step " + (burst.start() + index) + " by shutdown");
            LOG.info("Burst {} stopped by shutdown: {}", burst.id(), burst.progress());
            return false;
        }
        publisher.publishBurst(burst.start() + index, burst);
        return true;
    }
}
