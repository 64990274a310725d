package io.sensorfunctions.alerts;

import io.sensorfunctions.avro.SensorAlert;
import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last {@code alerts.recent} alerts this instance produced, newest first, for {@code GET /alerts}. */
@Singleton
class RecentAlerts {

    private final int capacity;
    private final Deque<AlertView> alerts = new ArrayDeque<>();

    RecentAlerts(AlertsConfiguration configuration) {
        this.capacity = configuration.recent();
    }

    synchronized void add(SensorAlert alert) {
        alerts.addFirst(AlertView.of(alert));
        while (alerts.size() > capacity) {
            alerts.removeLast();
        }
    }

    synchronized List<AlertView> newestFirst() {
        return List.copyOf(alerts);
    }
}
