package io.sensorfunctions.reader;

import java.util.DoubleSummaryStatistics;

/**
 * The last {@code capacity} values of one sensor, in a ring of primitives: adding a value allocates nothing, which
 * matters at hundreds of thousands of readings a second. Not thread-safe.
 */
final class RollingWindow {

    private final double[] values;
    private int next;
    private int size;

    RollingWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("window capacity must be at least 1, was " + capacity);
        }
        this.values = new double[capacity];
    }

    /** Adds a value, dropping the oldest when full. */
    void add(double value) {
        values[next] = value;
        next = next + 1 == values.length ? 0 : next + 1;
        if (size < values.length) {
            size++;
        }
    }

    int size() {
        return size;
    }

    /** @return a copy of the values in the window, in no particular order */
    double[] copy() {
        double[] copy = new double[size];
        System.arraycopy(values, 0, copy, 0, size);
        return copy;
    }

    /** Min, max and mean of {@code values}; empty statistics (count 0) for none. */
    static DoubleSummaryStatistics statistics(double[] values) {
        DoubleSummaryStatistics stats = new DoubleSummaryStatistics();
        for (double value : values) {
            stats.accept(value);
        }
        return stats;
    }
}
