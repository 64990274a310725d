package io.sensorfunctions.alerts;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;

import java.util.List;

/** {@code GET /alerts}: the last alerts this instance produced, newest first. */
@Controller("/alerts")
@RequiresFunction(EventFunction.ALERTS)
class AlertsController {

    private final RecentAlerts recent;

    AlertsController(RecentAlerts recent) {
        this.recent = recent;
    }

    @Get
    List<AlertView> alerts() {
        return recent.newestFirst();
    }
}
