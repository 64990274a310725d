package io.sensorfunctions.trigger;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Progress of one burst, updated from producer callbacks. */
final class ProductionRun {

    /**
     * What {@code GET /produce/{id}} answers.
     *
     * @param id        run id
     * @param events    steps asked for (per sensor)
     * @param delayMs   pause between steps, ms
     * @param start     first step
     * @param expected  records the run will produce: events × sensors
     * @param produced  records the broker acknowledged
     * @param failed    records that failed
     * @param nextStep  step to pass as {@code start} to resume after this run
     * @param done      whether every record is acknowledged or failed
     * @param startedAt when the run was accepted
     */
    @Serdeable
    record Progress(String id, long events, long delayMs, long start, long expected, long produced, long failed,
                    long nextStep, boolean done, Instant startedAt) {
    }

    private final String id;
    private final ProduceRequest request;
    private final long start;
    private final int sensors;
    private final Instant startedAt = Instant.now();
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong stepsDone = new AtomicLong();

    ProductionRun(String id, ProduceRequest request, long start, int sensors) {
        this.id = id;
        this.request = request;
        this.start = start;
        this.sensors = sensors;
    }

    String id() {
        return id;
    }

    long start() {
        return start;
    }

    void recordProduced() {
        produced.incrementAndGet();
    }

    void recordFailed() {
        failed.incrementAndGet();
    }

    /** Called once every record of a step is acknowledged or failed. */
    void stepDone() {
        stepsDone.incrementAndGet();
    }

    Progress progress() {
        long expected = request.events() * sensors;
        long ok = produced.get();
        long bad = failed.get();
        return new Progress(id, request.events(), request.delayMs(), start, expected, ok, bad,
            start + stepsDone.get(), ok + bad >= expected, startedAt);
    }
}
