package io.sensorfunctions.dashboard;

import io.sensorfunctions.alerts.AlertView;
import io.sensorfunctions.avro.AlertKind;
import io.sensorfunctions.avro.SensorAlert;
import io.sensorfunctions.avro.SensorReading;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LiveFeedTest {

    private final LiveFeed feed = new LiveFeed(new DashboardConfiguration(10, 2, Duration.ofSeconds(1), "sensor-readers"));

    private void reading(String sensor, long t, double value) {
        feed.add(SensorReading.newBuilder().setId(sensor).setTimestamp(Instant.ofEpochMilli(t)).setValue(value).build());
    }

    private void alert(String sensor) {
        feed.add(SensorAlert.newBuilder().setSensorId(sensor).setTimestamp(Instant.EPOCH).setKind(AlertKind.JUMP)
            .setValue(1).setLimit(30).build());
    }

    @Test
    void eachUpdateCarriesOnlyWhatCameAfterTheLastOne() {
        reading("s0", 1, 1.0);
        reading("s1", 1, 2.0);
        LiveFeed.Update first = feed.since(0);
        assertThat(first.readings()).containsOnlyKeys("s0", "s1");

        reading("s1", 2, 3.0);
        alert("s1");
        LiveFeed.Update next = feed.since(first.seq());
        assertThat(next.readings()).containsOnlyKeys("s1");
        assertThat(next.readings().get("s1")).containsExactly(new LiveFeed.Point(2, 3.0));
        assertThat(next.alerts()).hasSize(1);
        assertThat(feed.since(next.seq()).readings()).isEmpty();
    }

    @Test
    void keepsTheLastPointsPerSensorAndTheLastAlerts() {
        for (int i = 0; i < 25; i++) {
            reading("s0", i, i);
        }
        alert("a");
        alert("b");
        alert("c");
        LiveFeed.Update all = feed.since(0);
        assertThat(all.readings().get("s0")).hasSize(10).first().isEqualTo(new LiveFeed.Point(15, 15.0));
        assertThat(all.alerts()).extracting(AlertView::sensorId).containsExactly("b", "c");
    }
}
