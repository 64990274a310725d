package io.sensorfunctions.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.sensorfunctions.alerts.AlertView;
import io.sensorfunctions.avro.SensorAlert;
import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.groups.ConsumerGroupInspector;
import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the dashboard shows, kept in memory and numbered: the last {@code dashboard.points} values per sensor, the
 * last {@code dashboard.alerts} alerts, and the latest view of the readers' group. Every value and alert gets the
 * next sequence number, so a page that has seen up to {@code n} is sent only what came after.
 */
@Singleton
class LiveFeed {

    /** One chart point: event time (epoch ms) and value. */
    @Serdeable
    record Point(long t, double v) {
    }

    /**
     * One server-sent event: values and alerts after sequence number {@code since}, up to {@code seq}, and the group
     * view ({@code groupError} says why there is none).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Update(long seq, Map<String, List<Point>> readings, List<AlertView> alerts,
                  @Nullable ConsumerGroupInspector.Group group, @Nullable String groupError) {
    }

    private record Numbered<T>(long seq, T item) {
    }

    private final int points;
    private final int alertCapacity;
    private final Map<String, Deque<Numbered<Point>>> readings = new TreeMap<>();
    private final Deque<Numbered<AlertView>> alerts = new ArrayDeque<>();
    private long seq;
    private ConsumerGroupInspector.Group group;
    private String groupError = "not read yet";

    LiveFeed(DashboardConfiguration configuration) {
        this.points = configuration.points();
        this.alertCapacity = configuration.alerts();
    }

    synchronized void add(SensorReading reading) {
        Deque<Numbered<Point>> series = readings.computeIfAbsent(reading.getId(), id -> new ArrayDeque<>());
        series.addLast(new Numbered<>(++seq, new Point(reading.getTimestamp().toEpochMilli(), reading.getValue())));
        while (series.size() > points) {
            series.removeFirst();
        }
    }

    synchronized void add(SensorAlert alert) {
        alerts.addLast(new Numbered<>(++seq, AlertView.of(alert)));
        while (alerts.size() > alertCapacity) {
            alerts.removeFirst();
        }
    }

    synchronized void group(@Nullable ConsumerGroupInspector.Group view, @Nullable String error) {
        this.group = view;
        this.groupError = error;
    }

    /** Everything after sequence number {@code since}; 0 gives all that is kept. */
    synchronized Update since(long since) {
        Map<String, List<Point>> newReadings = new TreeMap<>();
        readings.forEach((sensor, series) -> {
            List<Point> fresh = new ArrayList<>();
            series.forEach(p -> {
                if (p.seq() > since) {
                    fresh.add(p.item());
                }
            });
            if (!fresh.isEmpty()) {
                newReadings.put(sensor, fresh);
            }
        });
        List<AlertView> newAlerts = alerts.stream().filter(a -> a.seq() > since).map(Numbered::item).toList();
        return new Update(seq, newReadings, newAlerts, group, groupError);
    }
}
