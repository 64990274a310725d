package io.sensorfunctions.alerts;

import io.sensorfunctions.avro.SensorAlert;
import io.sensorfunctions.avro.SensorReading;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertDetectorTest {

    private final AlertDetector detector = new AlertDetector(60, -20, 30);

    private List<String> inspect(String sensor, double value) {
        return detector.inspect(SensorReading.newBuilder().setId(sensor).setValue(value).setTimestamp(Instant.EPOCH).build())
            .stream().map(SensorAlert::getKind).map(Enum::name).toList();
    }

    @Test
    void crossingsFireOnTheWayInOnly() {
        assertThat(inspect("s", 50)).isEmpty();
        assertThat(inspect("s", 61)).containsExactly("ABOVE_HIGH");
        assertThat(inspect("s", 65)).as("still above: no second alert").isEmpty();
        assertThat(inspect("s", 55)).isEmpty();
        assertThat(inspect("s", 60)).as("at the threshold counts").containsExactly("ABOVE_HIGH");
        assertThat(inspect("s", 35)).isEmpty();
        assertThat(inspect("s", 10)).isEmpty();
        assertThat(inspect("s", -20)).containsExactly("BELOW_LOW", "JUMP");
    }

    @Test
    void jumpsCompareWithTheSameSensorsPreviousValue() {
        assertThat(inspect("a", 0)).isEmpty();
        assertThat(inspect("b", 29)).as("another sensor's value is not a's previous").isEmpty();
        assertThat(inspect("a", 29.9)).isEmpty();
        assertThat(inspect("a", -0.1)).containsExactly("JUMP");
    }

    @Test
    void aFirstReadingBeyondAThresholdIsACrossing() {
        assertThat(inspect("new", 70)).containsExactly("ABOVE_HIGH");
        assertThat(inspect("other", -30)).containsExactly("BELOW_LOW");
    }

    @Test
    void lowMustBeBelowHigh() {
        assertThatThrownBy(() -> new AlertDetector(10, 10, 5)).hasMessageContaining("alerts.low (10.0) must be below alerts.high (10.0)");
    }
}
