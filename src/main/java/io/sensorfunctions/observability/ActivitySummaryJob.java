package io.sensorfunctions.observability;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import io.sensorfunctions.listener.ListenerState;
import io.sensorfunctions.listener.ListenerStates;
import io.sensorfunctions.sensor.SensorReadingPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * One INFO line per function every {@code observability.summary-interval} (default 60 s), so that the log says what
 * each function did at any rate without a line per record (those are DEBUG):
 * {@code reader (group sensor-readers): 120000 records in 60 s (2000 records/s), lag 0, dead-lettered 0, retried 0,
 * partitions waiting 0}, and for the producers {@code emitter/trigger: 960 sent in 60 s (16 records/s), 0 failed}.
 * Nothing is logged for a function that had nothing to do in the interval. Created with the application
 * ({@code @Context}), so the first interval is measured from start-up; the {@link GroupLagMeter} it reads is created
 * at its own first refresh or the first summary instead, so that the start does not build it and its admin client.
 */
@Context
class ActivitySummaryJob {

    private static final Logger LOG = LoggerFactory.getLogger(ActivitySummaryJob.class);

    private final ListenerStates listeners;
    private final BeanProvider<GroupLagMeter> lag;
    private final BeanProvider<SensorReadingPublisher> publisher;
    private final Map<String, long[]> previous = new HashMap<>();
    private long lastRun = System.nanoTime();

    ActivitySummaryJob(ListenerStates listeners, BeanProvider<GroupLagMeter> lag, BeanProvider<SensorReadingPublisher> publisher) {
        this.listeners = listeners;
        this.lag = lag;
        this.publisher = publisher;
    }

    @Scheduled(fixedDelay = "${observability.summary-interval}", initialDelay = "${observability.summary-interval}")
    synchronized void summarise() {
        long now = System.nanoTime();
        double seconds = Math.max(0.001, (now - lastRun) / 1e9);
        lastRun = now;
        for (ListenerState listener : listeners.all().values()) {
            long processed = listener.processedCount();
            long deadLettered = listener.deadLetteredCount();
            long retried = listener.retriedCount();
            long[] before = previous.put(listener.function(), new long[] {processed, deadLettered, retried});
            long[] delta = before == null ? new long[] {processed, deadLettered, retried}
                : new long[] {processed - before[0], deadLettered - before[1], retried - before[2]};
            Long groupLag = lag.get().totalLag(listener.group());
            if (delta[0] + delta[1] + delta[2] == 0 && (groupLag == null || groupLag == 0) && listener.waitingCount() == 0) {
                continue;
            }
            LOG.info("{} (group {}): {} records in {} s ({} records/s), lag {}, dead-lettered {}, retried {}, partitions waiting {}",
                listener.function(), listener.group(), delta[0], Math.round(seconds), Math.round(delta[0] / seconds),
                groupLag == null ? "unknown" : groupLag, delta[1], delta[2], listener.waitingCount());
        }
        if (publisher.isPresent()) {
            SensorReadingPublisher producing = publisher.get();
            long sent = producing.sentCount();
            long failed = producing.failedCount();
            long[] before = previous.put("producer", new long[] {sent, failed});
            long sentDelta = before == null ? sent : sent - before[0];
            long failedDelta = before == null ? failed : failed - before[1];
            if (sentDelta + failedDelta > 0) {
                LOG.info("emitter/trigger: {} sent in {} s ({} records/s), {} failed", sentDelta, Math.round(seconds),
                    Math.round(sentDelta / seconds), failedDelta);
            }
        }
    }
}
