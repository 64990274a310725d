package io.sensorfunctions.trigger;

import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.sensorfunctions.sensor.SensorFleet;
import io.sensorfunctions.sensor.SensorReadingPublisher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;

/** Starts bursts and remembers the last {@code trigger.kept-runs} of them. */
@Singleton
class ProductionRuns {

    private static final Logger LOG = LoggerFactory.getLogger(ProductionRuns.class);

    private final SensorFleet fleet;
    private final SensorReadingPublisher publisher;
    private final TaskScheduler scheduler;
    private final Map<String, ProductionRun> runs;

    ProductionRuns(SensorFleet fleet, SensorReadingPublisher publisher, TriggerConfiguration configuration,
                   @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.fleet = fleet;
        this.publisher = publisher;
        this.scheduler = scheduler;
        int kept = configuration.keptRuns();
        this.runs = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ProductionRun> eldest) {
                return size() > kept;
            }
        });
    }

    /** Starts a burst; its first step is produced at once, the next ones {@code delayMs} apart. */
    ProductionRun start(ProduceRequest request) {
        long start = request.start() != null ? request.start() : fleet.reserve(request.events());
        ProductionRun run = new ProductionRun(UUID.randomUUID().toString(), request, start, fleet.sensors().size());
        runs.put(run.id(), run);
        LOG.info("Burst {}: {} events per sensor from step {}, {} ms apart", run.id(), request.events(), start, request.delayMs());
        scheduler.schedule(Duration.ZERO, () -> produceStep(run, request, 0));
        return run;
    }

    Optional<ProductionRun> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    private void produceStep(ProductionRun run, ProduceRequest request, long index) {
        List<CompletableFuture<Void>> sent = publisher.publish(run.start() + index, Level.INFO);
        sent.forEach(future -> future.whenComplete((ok, error) -> {
            if (error == null) {
                run.recordProduced();
            } else {
                run.recordFailed();
            }
        }));
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).whenComplete((ok, error) -> run.stepDone());
        if (index + 1 < request.events()) {
            scheduler.schedule(Duration.ofMillis(request.delayMs()), () -> produceStep(run, request, index + 1));
        }
    }
}
