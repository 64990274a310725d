package io.sensorfunctions.dashboard;

import io.micronaut.scheduling.annotation.Scheduled;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.groups.ConsumerGroupInspector;
import jakarta.inject.Singleton;

/** Reads {@code dashboard.group-id}, by default the readers' group, from the broker every {@code dashboard.refresh}, once for all open pages. */
@Singleton
@RequiresFunction(EventFunction.DASHBOARD)
class DashboardGroupJob {

    private final ConsumerGroupInspector inspector;
    private final LiveFeed feed;
    private final String groupId;

    DashboardGroupJob(ConsumerGroupInspector inspector, LiveFeed feed, DashboardConfiguration configuration) {
        this.inspector = inspector;
        this.feed = feed;
        this.groupId = configuration.groupId();
    }

    @Scheduled(fixedDelay = "${dashboard.refresh}")
    void refresh() {
        try {
            feed.group(inspector.describe(groupId), null);
        } catch (RuntimeException e) {
            feed.group(null, e.getMessage());
        }
    }
}
