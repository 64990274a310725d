package io.sensorfunctions.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.sensorfunctions.avro.SensorAlert;

import java.time.Instant;

/**
 * An alert as JSON, for {@code GET /alerts} and the dashboard's feed: the Avro {@link SensorAlert}'s fields, the
 * timestamp as ISO-8601.
 *
 * @param sensorId      the sensor
 * @param timestamp     the reading's event time
 * @param kind          ABOVE_HIGH, BELOW_LOW or JUMP
 * @param value         the reading's value
 * @param previousValue the sensor's reading before it, if any
 * @param limit         the limit crossed, or the jump limit
 */
@Serdeable
public record AlertView(String sensorId, Instant timestamp, String kind, double value, @Nullable Double previousValue,
                        double limit) {

    /** @return the alert's fields, as they are */
    public static AlertView of(SensorAlert alert) {
        return new AlertView(alert.getSensorId(), alert.getTimestamp(), alert.getKind().name(), alert.getValue(),
            alert.getPreviousValue(), alert.getLimit());
    }
}
