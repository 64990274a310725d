package io.sensorfunctions.reader;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;

import java.util.Map;

/** {@code GET /readings}: per sensor, what this reader instance has consumed. */
@Controller("/readings")
@RequiresFunction(EventFunction.READER)
class ReadingsController {

    private final SensorReadings readings;

    ReadingsController(SensorReadings readings) {
        this.readings = readings;
    }

    /** @return sensor id to count, last value, last event time, and min, max, mean over the rolling window */
    @Get
    Map<String, SensorReadings.Summary> readings() {
        return readings.summaries();
    }
}
