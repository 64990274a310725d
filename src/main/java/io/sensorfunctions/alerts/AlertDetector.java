package io.sensorfunctions.alerts;

import io.sensorfunctions.avro.AlertKind;
import io.sensorfunctions.avro.SensorAlert;
import io.sensorfunctions.avro.SensorReading;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds threshold crossings and sudden jumps, per sensor, in the order readings arrive. Crossings fire on the way
 * in only (a sensor that stays above {@code high} raises one ABOVE_HIGH, not one per reading); a sensor's first
 * reading counts as coming from the normal band. Not thread-safe: one listener thread feeds it.
 *
 * <p>{@link #inspect} only looks; {@link #accept} moves the sensor's state on. The listener accepts a reading once
 * its alerts are acknowledged, so a reading whose alert failed to send raises the same alert when it is retried.
 *
 * <p>The previous value per sensor lives in this instance only, so after a rebalance the new owner of a partition
 * starts its sensors afresh: a jump spanning the handover is not seen, a crossing is.
 */
class AlertDetector {

    private final double high;
    private final double low;
    private final double jump;
    private final Map<String, Double> previous = new HashMap<>();

    /** @throws IllegalArgumentException when {@code low} is not below {@code high} */
    AlertDetector(double high, double low, double jump) {
        if (!(low < high)) {
            throw new IllegalArgumentException("alerts.low (" + low + ") must be below alerts.high (" + high + ")");
        }
        this.high = high;
        this.low = low;
        this.jump = jump;
    }

    /**
     * @return the alerts this reading raises after the sensor's accepted readings, in the order ABOVE_HIGH or
     *         BELOW_LOW, then JUMP; often none. Changes nothing.
     */
    List<SensorAlert> inspect(SensorReading reading) {
        double value = reading.getValue();
        Double before = previous.get(reading.getId());
        List<SensorAlert> alerts = new ArrayList<>(2);
        boolean wasAbove = before != null && before >= high;
        boolean wasBelow = before != null && before <= low;
        if (value >= high && !wasAbove) {
            alerts.add(alert(reading, AlertKind.ABOVE_HIGH, before, high));
        } else if (value <= low && !wasBelow) {
            alerts.add(alert(reading, AlertKind.BELOW_LOW, before, low));
        }
        if (before != null && Math.abs(value - before) >= jump) {
            alerts.add(alert(reading, AlertKind.JUMP, before, jump));
        }
        return alerts;
    }

    /** Makes {@code reading} the sensor's previous value for the next {@link #inspect}. */
    void accept(SensorReading reading) {
        previous.put(reading.getId(), reading.getValue());
    }

    private static SensorAlert alert(SensorReading reading, AlertKind kind, Double before, double limit) {
        return SensorAlert.newBuilder().setSensorId(reading.getId()).setTimestamp(reading.getTimestamp()).setKind(kind)
            .setValue(reading.getValue()).setPreviousValue(before).setLimit(limit).build();
    }
}
