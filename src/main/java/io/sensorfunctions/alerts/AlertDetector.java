package io.sensorfunctions.alerts;

import io.sensorfunctions.avro.AlertKind;
import io.sensorfunctions.avro.SensorAlert;
import io.sensorfunctions.avro.SensorReading;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds threshold crossings and sudden jumps, per sensor, in the order readings arrive: a pure function of each
 * partition's log. Crossings fire on the way in only (a sensor that stays above {@code high} raises one ABOVE_HIGH,
 * not one per reading); a sensor's first reading counts as coming from the normal band; JUMP fires when
 * {@code |value - previous| >= jump}. Not thread-safe: one listener thread feeds it.
 *
 * <p>{@link #inspect} only looks; {@link #accept} moves the sensor's state on. The listener accepts a reading once
 * its alerts are sent, so a reading whose alerts failed raises the same alerts when it is retried.
 *
 * <p>State is kept per partition of the readings topic, then per sensor: the unit that moves between instances. For
 * exactly-once processing the detector also keeps, since the last {@link #commit}, each changed sensor's value
 * before the batch, so that an aborted transaction is undone by {@link #rollback} and a committed one's changes can be
 * written to the changelog ({@link #changes}); a partition that moves here is {@link #restore}d from that changelog.
 */
class AlertDetector {

    private final double high;
    private final double low;
    private final double jump;
    /** Each sensor's previous value: partition of the readings topic, then sensor id. */
    private final Map<Integer, Map<String, Double>> previous = new HashMap<>();
    /** Since the last commit or rollback, each changed sensor's value before (null: none): partition, then sensor id. */
    private final Map<Integer, Map<String, Double>> before = new HashMap<>();
    private final boolean undoable;

    /**
     * @param undoable true to keep what {@link #rollback} and {@link #changes} need (exactly-once processing)
     * @throws IllegalArgumentException when {@code low} is not below {@code high}
     */
    AlertDetector(double high, double low, double jump, boolean undoable) {
        if (!(low < high)) {
            throw new IllegalArgumentException("alerts.low (" + low + ") must be below alerts.high (" + high + ")");
        }
        this.high = high;
        this.low = low;
        this.jump = jump;
        this.undoable = undoable;
    }

    /**
     * @param partition the reading's partition of the readings topic
     * @return the alerts this reading raises after the sensor's accepted readings, in the order ABOVE_HIGH or
     *         BELOW_LOW, then JUMP; often none. Changes nothing.
     */
    List<SensorAlert> inspect(int partition, SensorReading reading) {
        double value = reading.getValue();
        Map<String, Double> sensors = previous.get(partition);
        Double last = sensors == null ? null : sensors.get(reading.getId());
        List<SensorAlert> alerts = new ArrayList<>(2);
        boolean wasAbove = last != null && last >= high;
        boolean wasBelow = last != null && last <= low;
        if (value >= high && !wasAbove) {
            alerts.add(alert(reading, AlertKind.ABOVE_HIGH, last, high));
        } else if (value <= low && !wasBelow) {
            alerts.add(alert(reading, AlertKind.BELOW_LOW, last, low));
        }
        if (last != null && Math.abs(value - last) >= jump) {
            alerts.add(alert(reading, AlertKind.JUMP, last, jump));
        }
        return alerts;
    }

    /** Makes {@code reading} the sensor's previous value for the next {@link #inspect}. */
    void accept(int partition, SensorReading reading) {
        Double last = previous.computeIfAbsent(partition, p -> new HashMap<>()).put(reading.getId(), reading.getValue());
        if (undoable) {
            before.computeIfAbsent(partition, p -> new HashMap<>()).putIfAbsent(reading.getId(), last);
        }
    }

    /** @return true when the partition's state is here: restored, or built from its first reading on */
    boolean holds(int partition) {
        return previous.containsKey(partition);
    }

    /** @return each sensor accepted since the last commit or rollback, with its value now: partition, then sensor id */
    Map<Integer, Map<String, Double>> changes() {
        Map<Integer, Map<String, Double>> changes = new HashMap<>();
        before.forEach((partition, sensors) -> {
            Map<String, Double> now = previous.get(partition);
            Map<String, Double> changed = new HashMap<>();
            sensors.keySet().forEach(sensor -> changed.put(sensor, now.get(sensor)));
            changes.put(partition, changed);
        });
        return changes;
    }

    /** Keeps what was accepted since the last commit or rollback. */
    void commit() {
        before.clear();
    }

    /** Undoes what was accepted since the last commit or rollback. */
    void rollback() {
        before.forEach((partition, sensors) -> {
            Map<String, Double> now = previous.get(partition);
            sensors.forEach((sensor, value) -> {
                if (value == null) {
                    now.remove(sensor);
                } else {
                    now.put(sensor, value);
                }
            });
        });
        before.clear();
    }

    /** Replaces the partition's state with {@code sensors}' values, read back from the changelog. */
    void restore(int partition, Map<String, Double> sensors) {
        previous.put(partition, new HashMap<>(sensors));
        before.remove(partition);
    }

    /** Drops the partition's state: it moved to another instance. */
    void forget(int partition) {
        previous.remove(partition);
        before.remove(partition);
    }

    private static SensorAlert alert(SensorReading reading, AlertKind kind, Double before, double limit) {
        return SensorAlert.newBuilder().setSensorId(reading.getId()).setTimestamp(reading.getTimestamp()).setKind(kind)
            .setValue(reading.getValue()).setPreviousValue(before).setLimit(limit).build();
    }
}
