package io.sensorfunctions.topics;

import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Why writes to our topics fail while the cluster still answers: partitions without a leader (every replica's broker
 * is away, and {@code unclean.leader.election.enable=false} keeps an out-of-sync one from leading), and partitions
 * with fewer in-sync replicas than the topic's {@code min.insync.replicas}, which refuse every {@code acks=all} write
 * (NOT_ENOUGH_REPLICAS; Kafka's broker configs, "min.insync.replicas"). A producer only says "Expiring N record(s) ...
 * ms has passed since batch creation" once its {@code delivery.timeout.ms} is over; this says why, for {@code /health}.
 */
final class PartitionAvailability {

    private PartitionAvailability() {
    }

    /**
     * @param topics the topics as the cluster describes them
     * @param minIsr each topic's {@code min.insync.replicas}; a topic missing here (configs not readable) is checked
     *               for leaders only
     * @return one sentence per topic and problem, e.g. {@code sensor-readings: partitions 0, 2 have 1 in-sync replica of
     *         3, fewer than min.insync.replicas=2; acks=all writes fail (NOT_ENOUGH_REPLICAS)}; empty when every
     *         partition has a leader and enough in-sync replicas
     */
    static List<String> problems(Collection<TopicDescription> topics, Map<String, Integer> minIsr) {
        List<String> problems = new ArrayList<>();
        for (TopicDescription topic : topics.stream().sorted(Comparator.comparing(TopicDescription::name)).toList()) {
            List<TopicPartitionInfo> leaderless = topic.partitions().stream().filter(p -> p.leader() == null).toList();
            if (!leaderless.isEmpty()) {
                problems.add(topic.name() + ": " + partitions(leaderless) + " no leader; reads and writes wait for a replica's broker");
            }
            Integer required = minIsr.get(topic.name());
            if (required == null) {
                continue;
            }
            List<TopicPartitionInfo> under = topic.partitions().stream().filter(p -> p.leader() != null && p.isr().size() < required).toList();
            if (!under.isEmpty()) {
                int inSync = under.stream().mapToInt(p -> p.isr().size()).min().orElse(0);
                problems.add(topic.name() + ": " + partitions(under) + " " + inSync + " in-sync replica" + (inSync == 1 ? "" : "s") + " of "
                    + under.get(0).replicas().size() + ", fewer than min.insync.replicas=" + required
                    + "; acks=all writes fail (NOT_ENOUGH_REPLICAS) until a broker returns");
            }
        }
        return problems;
    }

    private static String partitions(List<TopicPartitionInfo> partitions) {
        String numbers = partitions.stream().map(p -> Integer.toString(p.partition())).collect(Collectors.joining(", "));
        return partitions.size() == 1 ? "partition " + numbers + " has" : "partitions " + numbers + " have";
    }
}
