package io.sensorfunctions.reader;

import java.util.ArrayDeque;
import java.util.DoubleSummaryStatistics;

/** The last {@code capacity} values of one sensor. Not thread-safe. */
final class RollingWindow {

    private final int capacity;
    private final ArrayDeque<Double> values;

    RollingWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("window capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.values = new ArrayDeque<>(capacity);
    }

    /** Adds a value, dropping the oldest when full. */
    void add(double value) {
        if (values.size() == capacity) {
            values.removeFirst();
        }
        values.addLast(value);
    }

    int size() {
        return values.size();
    }

    /** Min, max and mean over the window; empty statistics (count 0) before the first value. */
    DoubleSummaryStatistics statistics() {
        return values.stream().mapToDouble(Double::doubleValue).summaryStatistics();
    }
}
