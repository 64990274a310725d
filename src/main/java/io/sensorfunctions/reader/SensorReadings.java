package io.sensorfunctions.reader;

import io.micronaut.serde.annotation.Serdeable;
import io.sensorfunctions.avro.SensorReading;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.DoubleSummaryStatistics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** What the reader has consumed, per sensor: a count, the last reading and a rolling window of values. */
@Singleton
public class SensorReadings {

    /**
     * One sensor's figures for {@code GET /readings}.
     *
     * @param count         readings consumed by this instance since it started
     * @param lastValue     value of the last reading
     * @param lastTimestamp event time of the last reading
     * @param window        how many values min, max and mean cover (at most {@code reader.window-size})
     * @param min           smallest value in the window
     * @param max           largest value in the window
     * @param mean          mean of the window
     */
    @Serdeable
    public record Summary(long count, double lastValue, Instant lastTimestamp, int window, double min, double max, double mean) {
    }

    private final int windowSize;
    private final Map<String, SensorState> sensors = new ConcurrentHashMap<>();

    SensorReadings(ReaderConfiguration configuration) {
        this.windowSize = configuration.windowSize();
    }

    /** Adds a consumed reading. */
    public void record(SensorReading reading) {
        SensorState state = sensors.get(reading.getId());
        if (state == null) {
            state = sensors.computeIfAbsent(reading.getId(), id -> new SensorState(windowSize));
        }
        state.add(reading);
    }

    /** Figures per sensor id, sorted by id. */
    public Map<String, Summary> summaries() {
        Map<String, Summary> result = new TreeMap<>();
        sensors.forEach((id, state) -> result.put(id, state.summary()));
        return result;
    }

    /** Total readings consumed by this instance. */
    public long total() {
        return sensors.values().stream().mapToLong(SensorState::count).sum();
    }

    private static final class SensorState {
        private final RollingWindow window;
        private long count;
        private double lastValue;
        private Instant lastTimestamp;

        SensorState(int windowSize) {
            this.window = new RollingWindow(windowSize);
        }

        synchronized void add(SensorReading reading) {
            count++;
            lastValue = reading.getValue();
            lastTimestamp = reading.getTimestamp();
            window.add(reading.getValue());
        }

        synchronized long count() {
            return count;
        }

        /** Holds the lock only to copy, so that an HTTP reader never keeps the poll thread waiting for the arithmetic. */
        Summary summary() {
            long seen;
            double last;
            Instant at;
            double[] values;
            synchronized (this) {
                seen = count;
                last = lastValue;
                at = lastTimestamp;
                values = window.copy();
            }
            DoubleSummaryStatistics stats = RollingWindow.statistics(values);
            return new Summary(seen, last, at, values.length, stats.getMin(), stats.getMax(), stats.getAverage());
        }
    }
}
