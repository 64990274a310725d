package io.sensorfunctions.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.sensorfunctions.avro.SensorAlert;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last {@code alerts.recent} alerts this instance produced, newest first, for {@code GET /alerts}. */
@Singleton
class RecentAlerts {

    /** An alert as JSON: the Avro record's fields. */
    @Serdeable
    record Alert(String sensorId, Instant timestamp, String kind, double value, @Nullable Double previousValue, double limit) {
        static Alert of(SensorAlert alert) {
            return new Alert(alert.getSensorId(), alert.getTimestamp(), alert.getKind().name(), alert.getValue(),
                alert.getPreviousValue(), alert.getLimit());
        }
    }

    private final int capacity;
    private final Deque<Alert> alerts = new ArrayDeque<>();

    RecentAlerts(AlertsConfiguration configuration) {
        this.capacity = configuration.recent();
    }

    synchronized void add(SensorAlert alert) {
        alerts.addFirst(Alert.of(alert));
        while (alerts.size() > capacity) {
            alerts.removeLast();
        }
    }

    synchronized List<Alert> newestFirst() {
        return List.copyOf(alerts);
    }
}
