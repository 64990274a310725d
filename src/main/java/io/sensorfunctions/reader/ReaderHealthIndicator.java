package io.sensorfunctions.reader;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.sensorfunctions.Function;
import io.sensorfunctions.RequiresFunction;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/** The reader's part of {@code /health}: DOWN with the reason once its consumer stopped. */
@Singleton
@RequiresFunction(Function.READER)
class ReaderHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final ReaderStatus status;
    private final SensorReadings readings;

    ReaderHealthIndicator(ReaderStatus status, SensorReadings readings) {
        this.status = status;
        this.readings = readings;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("consumed", readings.total());
        String failure = status.failure();
        if (failure != null) {
            details.put("error", failure);
        }
        healthStatus = failure == null ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    @Override
    protected String getName() {
        return "reader";
    }
}
