package io.sensorfunctions.trigger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.sensorfunctions.kafka.Failures;
import io.sensorfunctions.sensor.SensorReadingPublisher;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Progress of one burst, updated from producer callbacks. */
final class Burst implements SensorReadingPublisher.StepListener {

    private static final Logger LOG = LoggerFactory.getLogger(Burst.class);

    /**
     * What {@code GET /produce/{id}} answers.
     *
     * @param id        burst id
     * @param events    steps asked for (per sensor)
     * @param delayMs   pause between steps, ms
     * @param start     first step
     * @param expected  records the burst will produce: events × sensors
     * @param produced  records the broker acknowledged
     * @param failed    records that failed
     * @param nextStep  step to pass as {@code start} to resume after this burst
     * @param done      whether every record is acknowledged or failed, or the burst was stopped
     * @param startedAt when the burst was accepted
     * @param lastError the last send failure's cause, or why the burst stopped; null when none
     */
    @Serdeable
    record Progress(String id, long events, long delayMs, long start, long expected, long produced, long failed,
                    long nextStep, boolean done, Instant startedAt, @Nullable String lastError) {
    }

    private final String id;
    private final ProduceRequest request;
    private final long start;
    private final int sensors;
    private final Instant startedAt = Instant.now();
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong stepsDone = new AtomicLong();
    private volatile String lastError;
    private volatile boolean stopped;

    Burst(String id, ProduceRequest request, long start, int sensors) {
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

    /** One record's outcome, from the producer's callback: its metadata, or null and the failure. */
    @Override
    public void record(RecordMetadata metadata, Throwable error) {
        if (error == null) {
            produced.incrementAndGet();
        } else {
            failed.incrementAndGet();
            lastError = Failures.rootMessage(error);
        }
    }

    /** Ends the burst early; the steps not produced count neither as produced nor as failed. */
    void stop(String reason) {
        lastError = reason;
        stopped = true;
    }

    /** Called once every record of a step is acknowledged or failed; one line for a step with failures, one at the end. */
    @Override
    public void stepDone(long step, int records, int failed, Throwable lastError) {
        stepsDone.incrementAndGet();
        if (lastError != null) {
            LOG.warn("Burst {} step {}: sends failed: {}", id, step, Failures.rootMessage(lastError));
        }
        if (step == start + request.events() - 1) {
            LOG.info("Burst {} done: {}", id, progress());
        }
    }

    Progress progress() {
        long expected = request.events() * sensors;
        long ok = produced.get();
        long bad = failed.get();
        return new Progress(id, request.events(), request.delayMs(), start, expected, ok, bad,
            start + stepsDone.get(), stopped || ok + bad >= expected, startedAt, lastError);
    }
}
