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
        assertThat(window.statistics().getMax()).isEqualTo(3);
        assertThat(window.statistics().getMin()).isEqualTo(1);
        assertThat(window.statistics().getAverage()).isEqualTo(2);
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new RollingWindow(0)).hasMessageContaining("at least 1");
    }
}
