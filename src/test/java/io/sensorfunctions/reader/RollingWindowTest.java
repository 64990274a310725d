package io.sensorfunctions.reader;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RollingWindowTest {

    @Test
    void keepsOnlyTheLastValuesUpToCapacity() {
        RollingWindow window = new RollingWindow(3);
        for (double v : new double[]{100, 1, 2, 3}) {
            window.add(v);
        }
        assertThat(window.size()).isEqualTo(3);
        assertThat(window.copy()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(RollingWindow.statistics(window.copy()).getMax()).isEqualTo(3);
        assertThat(RollingWindow.statistics(window.copy()).getMin()).isEqualTo(1);
        assertThat(RollingWindow.statistics(window.copy()).getAverage()).isEqualTo(2);
    }

    @Test
    void wrapsRoundManyTimesAndStartsEmpty() {
        RollingWindow window = new RollingWindow(4);
        assertThat(window.size()).isZero();
        assertThat(RollingWindow.statistics(window.copy()).getCount()).isZero();
        for (int v = 1; v <= 1001; v++) {
            window.add(v);
        }
        assertThat(window.copy()).containsExactlyInAnyOrder(998, 999, 1000, 1001);
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new RollingWindow(0)).hasMessageContaining("at least 1");
    }
}
