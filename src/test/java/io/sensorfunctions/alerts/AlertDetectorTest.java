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

    /** Inspects and accepts, as the listener does once the alerts are acknowledged. */
    private List<String> inspect(String sensor, double value) {
        SensorReading reading = reading(sensor, value);
        List<String> kinds = detector.inspect(reading).stream().map(SensorAlert::getKind).map(Enum::name).toList();
        detector.accept(reading);
        return kinds;
    }

    private static SensorReading reading(String sensor, double value) {
        return SensorReading.newBuilder().setId(sensor).setValue(value).setTimestamp(Instant.EPOCH).build();
    }

    @Test
    void inspectingWithoutAcceptingRaisesTheSameAlertAgain() {
        assertThat(inspect("s", 50)).isEmpty();
        SensorReading crossing = reading("s", 61);
        assertThat(detector.inspect(crossing)).extracting(SensorAlert::getKind).extracting(Enum::name).containsExactly("ABOVE_HIGH");
        assertThat(detector.inspect(crossing)).as("a send failed, so the retry must see the crossing again")
            .extracting(SensorAlert::getKind).extracting(Enum::name).containsExactly("ABOVE_HIGH");
        detector.accept(crossing);
        assertThat(detector.inspect(crossing)).as("accepted: the sensor is above now").isEmpty();
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
