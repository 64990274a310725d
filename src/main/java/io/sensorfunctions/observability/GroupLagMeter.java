package io.sensorfunctions.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.BeanProvider;
import io.micronaut.scheduling.annotation.Scheduled;
import io.sensorfunctions.groups.ConsumerGroupInspector;
import io.sensorfunctions.listener.ListenerState;
import io.sensorfunctions.listener.ListenerStates;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lag of each consumer group this instance runs (reader, alerts), per partition: log-end offset minus the
 * group's committed offset, read from the broker every {@code observability.lag-interval} as {@code GET /groups/{id}}
 * reads it. Published as the gauge {@code kafka.consumer.group.lag} (tags {@code group}, {@code topic},
 * {@code partition}; Prometheus: {@code kafka_consumer_group_lag}). The consumer's own {@code records-lag} metric is
 * not used: it is per member, measured from the fetch position rather than the commit, and gone once a partition
 * moves, which misleads (micronaut-kafka issue 634).
 */
@Singleton
public class GroupLagMeter {

    private static final Logger LOG = LoggerFactory.getLogger(GroupLagMeter.class);

    private final ListenerStates listeners;
    private final ConsumerGroupInspector inspector;
    private final MultiGauge gauge;
    private final Map<String, Long> totals = new ConcurrentHashMap<>();

    GroupLagMeter(ListenerStates listeners, ConsumerGroupInspector inspector, BeanProvider<MeterRegistry> meters) {
        this.listeners = listeners;
        this.inspector = inspector;
        this.gauge = meters.find(null).map(registry -> MultiGauge.builder("kafka.consumer.group.lag")
            .description("log-end offset minus the group's committed offset, from the broker").register(registry)).orElse(null);
    }

    @Scheduled(fixedDelay = "${observability.lag-interval}", initialDelay = "${observability.lag-interval}")
    void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (ListenerState listener : listeners.all().values()) {
            String group = listener.group();
            try {
                ConsumerGroupInspector.Group described = inspector.describe(group);
                for (ConsumerGroupInspector.PartitionLag partition : described.partitions()) {
                    if (partition.lag() != null) {
                        rows.add(MultiGauge.Row.of(Tags.of("group", group, "topic", partition.topic(), "partition",
                            Integer.toString(partition.partition())), partition.lag()));
                    }
                }
                totals.put(group, described.totalLag());
            } catch (RuntimeException e) {
                totals.remove(group);
                LOG.debug("Lag of group {} not read: {}", group, e.getMessage());
            }
        }
        if (gauge != null) {
            gauge.register(rows, true);
        }
    }

    /** @return the group's total lag at the last refresh (records), or null when not read yet or not readable */
    Long totalLag(String group) {
        return totals.get(group);
    }
}
