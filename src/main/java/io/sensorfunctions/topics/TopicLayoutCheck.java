package io.sensorfunctions.topics;

import io.micronaut.configuration.kafka.admin.KafkaNewTopics;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.sensorfunctions.kafka.Failures;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * After startup, compares the topics this instance declares ({@link TopicFactory}) with what the cluster holds, and logs
 * one WARN per difference, naming the topic, what it has and what we asked for:
 * <ul>
 *   <li>fewer replicas than {@code topics.replication-factor}, or with -1 than the brokers' {@code default.replication.factor}:
 *       a topic made earlier, by hand or by a release that created every topic with one replica, loses records with a
 *       broker;</li>
 *   <li>a {@code cleanup.policy} other than the one we create it with: a compacted changelog under {@code delete}
 *       loses state to retention, a readings topic under {@code compact} keeps only each sensor's last reading.</li>
 * </ul>
 * Kafka creates a missing topic as asked but never changes an existing one, so this is where a deployer hears of it. A
 * WARN, not a refusal: the instance works, with less safety than intended; the registry's {@code _schemas} is the one
 * topic that must be compacted, and {@link CompactedTopicCheck} refuses it otherwise. The check runs once, on a thread of
 * its own so that it never delays readiness; what this application may not describe (ACLs) it leaves out silently.
 */
@Singleton
@Requires(bean = KafkaNewTopics.class)
class TopicLayoutCheck implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(TopicLayoutCheck.class);
    /** How long the check waits for each answer: the creation of the topics, then each describe call. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String DEFAULT_REPLICATION_FACTOR = "default.replication.factor";

    /** What the cluster holds of a topic: its fewest replicas over its partitions, and its cleanup.policy (null: unknown). */
    record Layout(int replicas, String cleanupPolicy) {
    }

    private final AdminClient admin;
    private final KafkaNewTopics newTopics;
    private final List<NewTopic> declared;

    TopicLayoutCheck(AdminClient admin, KafkaNewTopics newTopics, List<NewTopic> declared) {
        this.admin = admin;
        this.newTopics = newTopics;
        this.declared = declared;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        Thread thread = new Thread(this::check, "topic-layout-check");
        thread.setDaemon(true);
        thread.start();
    }

    private void check() {
        try {
            for (KafkaFuture<Void> created : newTopics.getResult().values().values()) {
                try {
                    created.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    // An existing topic, or one we may not create: either way, compare what is there.
                    LOG.debug("Topic creation answered {}", Failures.rootMessage(e));
                }
            }
            Map<String, Layout> layouts = layouts();
            Integer clusterDefault = clusterDefaultReplicationFactor();
            differences(declared, layouts, clusterDefault).forEach(LOG::warn);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | RuntimeException e) {
            // The instance may stop meanwhile, closing the AdminClient; the functions report an unreachable cluster.
            LOG.debug("Topic layout check ended early: {}", Failures.rootMessage(e));
        }
    }

    /**
     * What differs between the topics we declare and the cluster's, one sentence each; a topic missing from
     * {@code layouts} is left out (not created, or not ours to describe).
     *
     * @param declared       the topics as {@link TopicFactory} declares them
     * @param layouts        what the cluster holds, by topic name
     * @param clusterDefault the brokers' {@code default.replication.factor}; null when unknown, which leaves out the
     *                       replica check of topics asked with -1
     * @return one WARN line per difference, in the order of {@code declared}
     */
    static List<String> differences(Collection<NewTopic> declared, Map<String, Layout> layouts, Integer clusterDefault) {
        List<String> lines = new ArrayList<>();
        for (NewTopic topic : declared) {
            Layout layout = layouts.get(topic.name());
            if (layout == null) {
                continue;
            }
            boolean clusterDefaultAsked = topic.replicationFactor() == TopicsConfiguration.CLUSTER_DEFAULT;
            Integer wanted = clusterDefaultAsked ? clusterDefault : Integer.valueOf(topic.replicationFactor());
            if (wanted != null && layout.replicas() < wanted) {
                lines.add("Topic " + topic.name() + " has " + layout.replicas() + " replica" + (layout.replicas() == 1 ? "" : "s")
                    + " per partition, fewer than the " + wanted + " asked for (topics.replication-factor=" + topic.replicationFactor()
                    + (clusterDefaultAsked ? ": the cluster's " + DEFAULT_REPLICATION_FACTOR : "") + "); it was created before, and "
                    + "Kafka does not change an existing topic. A broker lost takes its records with it: add replicas with "
                    + "kafka-reassign-partitions (docs/deploy.md)");
            }
            String policy = Optional.ofNullable(topic.configs()).map(c -> c.get(TopicConfig.CLEANUP_POLICY_CONFIG))
                .orElse(TopicConfig.CLEANUP_POLICY_DELETE);
            if (layout.cleanupPolicy() != null && !layout.cleanupPolicy().equals(policy)) {
                lines.add("Topic " + topic.name() + " has cleanup.policy=" + layout.cleanupPolicy() + ", but we create it with "
                    + "cleanup.policy=" + policy + (policy.equals(TopicConfig.CLEANUP_POLICY_COMPACT)
                    ? "; retention may drop state that is still needed" : "; compaction keeps only each key's last record")
                    + ". Fix it with kafka-configs --alter --entity-type topics --entity-name " + topic.name()
                    + " --add-config cleanup.policy=" + policy);
            }
        }
        return lines;
    }

    private Map<String, Layout> layouts() {
        List<String> names = declared.stream().map(NewTopic::name).toList();
        Map<String, TopicDescription> descriptions = new HashMap<>();
        admin.describeTopics(names).topicNameValues().forEach((name, future) -> get(future).ifPresent(d -> descriptions.put(name, d)));
        List<ConfigResource> resources = descriptions.keySet().stream()
            .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<String, String> policies = new HashMap<>();
        admin.describeConfigs(resources).values().forEach((resource, future) -> get(future)
            .map(config -> config.get(TopicConfig.CLEANUP_POLICY_CONFIG)).map(ConfigEntry::value)
            .ifPresent(policy -> policies.put(resource.name(), policy)));
        return descriptions.values().stream().collect(Collectors.toMap(TopicDescription::name, d -> new Layout(
            d.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0), policies.get(d.name()))));
    }

    /** @return a broker's {@code default.replication.factor}; null when it may not be read (managed clusters may refuse) */
    private Integer clusterDefaultReplicationFactor() {
        Optional<Node> node = get(admin.describeCluster().nodes()).flatMap(nodes -> nodes.stream().findFirst());
        if (node.isEmpty()) {
            return null;
        }
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, node.get().idString());
        return get(admin.describeConfigs(List.of(broker)).values().get(broker)).map(config -> config.get(DEFAULT_REPLICATION_FACTOR))
            .map(ConfigEntry::value).map(Integer::valueOf).orElse(null);
    }

    /** @return the future's value, or empty when it failed or did not answer within {@link #TIMEOUT} */
    private static <T> Optional<T> get(KafkaFuture<T> future) {
        try {
            return Optional.ofNullable(future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Topic layout check: {}", Failures.rootMessage(e));
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
