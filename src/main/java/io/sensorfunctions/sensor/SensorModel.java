package io.sensorfunctions.sensor;

import java.util.SplittableRandom;

/**
 * The time series of Hopsworks' guide to external Python Kafka clients (2021, {@code sensor.py}, after TensorFlow's "common patterns" notebook;
 * see docs/background.md):
 * {@code value(t) = baseline + slope·t + amplitude·pattern(((t+phase) mod period)/period) + noise·N(0,1)}, where
 * {@code pattern(s) = cos(2πs)} for {@code s < 0.4} and {@code exp(-3s)} otherwise.
 *
 * <p>The noise draw depends only on (seed, sensor id, step), so a value can be recomputed for any step in any order:
 * a burst that restarts at step {@code t} reproduces the same series.
 */
public final class SensorModel {

    private SensorModel() {
    }

    /**
     * @param sensor the sensor's parameters
     * @param step   integer time step {@code t}, may be negative
     * @param seed   RNG seed of the run
     * @return the reading's value, unitless
     */
    public static double value(SensorSpec sensor, long step, long seed) {
        double season = Math.floorMod(step + sensor.phase(), sensor.period()) / (double) sensor.period();
        double trend = sensor.baseline() + sensor.slope() * step;
        return trend + sensor.amplitude() * pattern(season) + sensor.noise() * gaussian(seed, sensor.id(), step);
    }

    /** Seasonal shape over one period, {@code s} in [0, 1). */
    static double pattern(double s) {
        return s < 0.4 ? Math.cos(2 * Math.PI * s) : Math.exp(-3 * s);
    }

    private static double gaussian(long seed, String sensorId, long step) {
        long mixed = seed * 0x9E3779B97F4A7C15L ^ sensorId.hashCode() * 0xC2B2AE3D27D4EB4FL ^ step * 0x165667B19E3779F9L;
        return new SplittableRandom(mixed).nextGaussian();
    }
}
