package io.sensorfunctions.alerts;

import io.sensorfunctions.avro.SensorAlert;
import io.sensorfunctions.avro.SensorReading;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertDetectorTest {

    private final AlertDetector detector = new AlertDetector(60, -20, 30, true);

    /** Inspects and accepts, as the listener does once the alerts are acknowledged. */
    private List<String> inspect(String sensor, double value) {
        SensorReading reading = reading(sensor, value);
        List<String> kinds = detector.inspect(0, reading).stream().map(SensorAlert::getKind).map(Enum::name).toList();
        detector.accept(0, reading);
        return kinds;
    }

    private static SensorReading reading(String sensor, double value) {
        return SensorReading.newBuilder().setId(sensor).setValue(value).setTimestamp(Instant.EPOCH).build();
    }

    @Test
    void inspectingWithoutAcceptingRaisesTheSameAlertAgain() {
        assertThat(inspect("s", 50)).isEmpty();
        SensorReading crossing = reading("s", 61);
        assertThat(detector.inspect(0, crossing)).extracting(SensorAlert::getKind).extracting(Enum::name).containsExactly("ABOVE_HIGH");
        assertThat(detector.inspect(0, crossing)).as("a send failed, so the retry must see the crossing again")
            .extracting(SensorAlert::getKind).extracting(Enum::name).containsExactly("ABOVE_HIGH");
        detector.accept(0, crossing);
        assertThat(detector.inspect(0, crossing)).as("accepted: the sensor is above now").isEmpty();
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
        assertThatThrownBy(() -> new AlertDetector(10, 10, 5, false)).hasMessageContaining("alerts.low (10.0) must be below alerts.high (10.0)");
    }

    @Test
    void aRollbackUndoesWhatTheAbortedBatchAccepted() {
        assertThat(inspect("s", 50)).isEmpty();
        detector.commit();
        assertThat(inspect("s", 61)).containsExactly("ABOVE_HIGH");
        assertThat(inspect("new", 0)).isEmpty();
        detector.rollback();
        assertThat(detector.inspect(0, reading("s", 61))).as("the crossing comes again after the abort")
            .extracting(SensorAlert::getKind).extracting(Enum::name).containsExactly("ABOVE_HIGH");
        assertThat(detector.inspect(0, reading("new", 40))).as("a sensor first seen in the aborted batch is new again").isEmpty();
    }

    @Test
    void changesAreEachChangedSensorsValueNowByPartition() {
        inspect("s", 50);
        detector.commit();
        inspect("s", 51);
        inspect("s", 52);
        SensorReading other = reading("t", 7);
        detector.accept(3, other);
        assertThat(detector.changes()).isEqualTo(Map.of(0, Map.of("s", 52.0), 3, Map.of("t", 7.0)));
        detector.commit();
        assertThat(detector.changes()).isEmpty();
    }

    @Test
    void aRestoredPartitionGoesOnFromItsChangelogValues() {
        assertThat(detector.holds(2)).isFalse();
        detector.restore(2, Map.of("s", 70.0));
        assertThat(detector.holds(2)).isTrue();
        assertThat(detector.inspect(2, reading("s", 65))).as("was above before the handover: no second ABOVE_HIGH").isEmpty();
        assertThat(detector.inspect(2, reading("s", 30))).extracting(SensorAlert::getPreviousValue).containsExactly(70.0);
        detector.forget(2);
        assertThat(detector.holds(2)).isFalse();
    }

    @Test
    void partitionsKeepTheirOwnState() {
        detector.accept(1, reading("s", 70));
        assertThat(detector.inspect(2, reading("s", 70))).as("partition 2 has not seen s")
            .extracting(SensorAlert::getKind).extracting(Enum::name).containsExactly("ABOVE_HIGH");
    }
}
