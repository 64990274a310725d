package io.sensorfunctions.dashboard;

import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.sensorfunctions.Function;
import io.sensorfunctions.RequiresFunction;
import io.sensorfunctions.avro.SensorAlert;
import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.topics.Topics;

/**
 * Feeds the dashboard from the topics themselves, in a consumer group of its own per instance
 * ({@code uniqueGroupId}): it sees every sensor, whichever reader owns which partition, starts at the live end, and
 * commits nothing. Two listeners, because readings and alerts need different Avro reader classes.
 */
final class DashboardListener {

    private DashboardListener() {
    }

    @KafkaListener(groupId = "sensor-dashboard", uniqueGroupId = true, clientId = "sensor-dashboard-readings",
        offsetReset = OffsetReset.LATEST, offsetStrategy = OffsetStrategy.DISABLED)
    @RequiresFunction(Function.DASHBOARD)
    static class Readings {
        private final LiveFeed feed;

        Readings(LiveFeed feed) {
            this.feed = feed;
        }

        @Topic(Topics.READINGS)
        void receive(SensorReading reading) {
            feed.add(reading);
        }
    }

    @KafkaListener(groupId = "sensor-dashboard-alerts", uniqueGroupId = true, clientId = "sensor-dashboard-alerts",
        offsetReset = OffsetReset.LATEST, offsetStrategy = OffsetStrategy.DISABLED,
        properties = @Property(name = "specific.avro.value.type", value = "io.sensorfunctions.avro.SensorAlert"))
    @RequiresFunction(Function.DASHBOARD)
    static class Alerts {
        private final LiveFeed feed;

        Alerts(LiveFeed feed) {
            this.feed = feed;
        }

        @Topic(Topics.ALERTS)
        void receive(SensorAlert alert) {
            feed.add(alert);
        }
    }
}
