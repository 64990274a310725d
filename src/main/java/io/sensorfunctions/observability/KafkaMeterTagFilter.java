package io.sensorfunctions.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Gives each Kafka client meter the same tag keys, whatever the granularity Kafka reports it at. Kafka reports many
 * metrics at more than one: {@code request-total} for the whole client and per broker connection ({@code node-id}),
 * {@code records-lag-max} for the client and per {@code topic} and {@code partition}. micronaut-kafka 5.9 registers
 * each under one meter name with only the tags Kafka gave it, and Prometheus refuses a second tag set for a name:
 * every reader start logged a WARN, and the finer series never reached {@code /prometheus} (micronaut-kafka issue
 * 1225; its PR 1298, after 5.9, backfills {@code node-id} only). Here every {@code kafka.consumer.*} meter carries
 * {@code node-id}, {@code topic} and {@code partition}, and every {@code kafka.producer.*} meter {@code node-id} and
 * {@code topic} (micronaut-kafka's included tags), empty when Kafka gave none. Prometheus stores an empty label as no
 * label, so the coarser series keep their identity and queries.
 */
@Singleton
class KafkaMeterTagFilter implements MeterFilter {

    private static final String CONSUMER = "kafka.consumer.";
    private static final String PRODUCER = "kafka.producer.";
    private static final List<String> CONSUMER_TAGS = List.of("node-id", "topic", "partition");
    private static final List<String> PRODUCER_TAGS = List.of("node-id", "topic");

    @Override
    public Meter.Id map(Meter.Id id) {
        List<String> keys = id.getName().startsWith(CONSUMER) ? CONSUMER_TAGS
            : id.getName().startsWith(PRODUCER) ? PRODUCER_TAGS : List.of();
        List<Tag> missing = new ArrayList<>(keys.size());
        for (String key : keys) {
            if (id.getTag(key) == null) {
                missing.add(Tag.of(key, ""));
            }
        }
        return missing.isEmpty() ? id : id.withTags(missing);
    }
}
