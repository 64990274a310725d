package io.sensorfunctions.sensor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SensorModelTest {

    private static final SensorSpec SENSOR0 = new SensorSpec("sensor0", 10, 0.1, 100, 40, 5, 0);
    private static final SensorSpec SENSOR3_NO_NOISE = new SensorSpec("sensor3", 10, 0.1, 100, 40, 0, 0);

    @Test
    void withoutNoiseTheValueIsTrendPlusSeasonality() {
        // step 0: season 0 -> cos(0) = 1
        assertThat(SensorModel.value(SENSOR3_NO_NOISE, 0, 42)).isCloseTo(10 + 40, within(1e-12));
        // step 25: season 0.25 -> cos(pi/2) = 0
        assertThat(SensorModel.value(SENSOR3_NO_NOISE, 25, 42)).isCloseTo(10 + 2.5, within(1e-9));
        // step 50: season 0.5 >= 0.4 -> exp(-1.5)
        assertThat(SensorModel.value(SENSOR3_NO_NOISE, 50, 42)).isCloseTo(10 + 5 + 40 * Math.exp(-1.5), within(1e-12));
        // step 150 wraps to season 0.5 again, with three times the trend
        assertThat(SensorModel.value(SENSOR3_NO_NOISE, 150, 42)).isCloseTo(10 + 15 + 40 * Math.exp(-1.5), within(1e-12));
    }

    @Test
    void phaseShiftsTheSeason() {
        SensorSpec shifted = new SensorSpec("s", 0, 0, 100, 1, 0, 20);
        assertThat(SensorModel.value(shifted, 0, 1)).isCloseTo(SensorModel.pattern(0.2), within(1e-12));
    }

    @Test
    void patternSwitchesFromCosineToDecayAtFourTenths() {
        assertThat(SensorModel.pattern(0.39)).isCloseTo(Math.cos(2 * Math.PI * 0.39), within(1e-12));
        assertThat(SensorModel.pattern(0.4)).isCloseTo(Math.exp(-1.2), within(1e-12));
    }

    @Test
    void aFixedSeedGivesTheSameSeriesInAnyOrder() {
        double forward10 = 0;
        for (int step = 0; step <= 10; step++) {
            forward10 = SensorModel.value(SENSOR0, step, 42);
        }
        assertThat(SensorModel.value(SENSOR0, 10, 42)).isEqualTo(forward10);
        assertThat(SensorModel.value(SENSOR0, 0, 42)).isEqualTo(45.91279113465246);
        assertThat(SensorModel.value(SENSOR0, 1, 42)).isEqualTo(SensorModel.value(SENSOR0, 1, 42));
    }

    @Test
    void noiseHasTheConfiguredSpreadAndDependsOnTheSeed() {
        SensorSpec pureNoise = new SensorSpec("n", 0, 0, 1, 0, 5, 0);
        double sum = 0;
        double squares = 0;
        int n = 20_000;
        for (int step = 0; step < n; step++) {
            double v = SensorModel.value(pureNoise, step, 7);
            sum += v;
            squares += v * v;
        }
        double mean = sum / n;
        double sd = Math.sqrt(squares / n - mean * mean);
        assertThat(mean).isCloseTo(0, within(0.15));
        assertThat(sd).isCloseTo(5, within(0.15));
        assertThat(SensorModel.value(pureNoise, 3, 7)).isNotEqualTo(SensorModel.value(pureNoise, 3, 8));
    }
}
