package io.sensorfunctions.topics;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code kafka} part of {@code /health}: UP when the cluster answers a metadata request (AdminClient's
 * {@code describeCluster}) within {@code kafka.health-timeout}, DOWN with the reason otherwise. While it answers, the
 * details name our topics' partitions that cannot take a write ({@link PartitionAvailability}: no leader, or fewer
 * in-sync replicas than {@code min.insync.replicas}), which is why sends then fail; the part stays UP, since reads go
 * on, and the emitter's part goes DOWN with the failed sends. The check runs on a
 * thread of its own every {@link #REFRESH}, so {@code /health} and the trigger read its last result at once, even
 * while the broker is away, and no busy scheduler delays it; a broker that stops shows within one refresh and one
 * timeout.
 *
 * <p>Written here rather than micronaut-kafka's {@code KafkaHealthIndicator}: its full check also reads broker configs,
 * which managed clusters (Confluent Cloud, MSK with IAM) refuse to applications, and its restricted check looks at a
 * network client that is never polled, so it stays UP after the broker went away. {@code describeCluster} needs no
 * ACL beyond a connection, and a stopped broker fails it.
 */
@Singleton
public class KafkaClusterHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    static final Duration REFRESH = Duration.ofSeconds(2);

    /** How long a topic's {@code min.insync.replicas} is trusted before it is read again. */
    static final Duration MIN_ISR_AGE = Duration.ofMinutes(1);

    private final AdminClient admin;
    private final List<String> topics;
    private final Duration timeout;
    private final String noAnswer;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kafka-health-check");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean checked;
    private volatile String unavailable;
    private volatile List<String> unwritable = List.of();
    private Map<String, Integer> minIsr = Map.of();
    private long minIsrReadAt;

    KafkaClusterHealthIndicator(AdminClient admin, KafkaDefaultConfiguration kafka, List<NewTopic> topics) {
        this.admin = admin;
        this.topics = topics.stream().map(NewTopic::name).distinct().sorted().toList();
        this.timeout = kafka.getHealthTimeout();
        Object protocol = kafka.getConfig().getOrDefault("security.protocol", "PLAINTEXT");
        // A client speaking the wrong protocol gets no error from the broker, only silence: say which one it spoke.
        this.noAnswer = "no broker at bootstrap.servers=" + kafka.getConfig().get("bootstrap.servers") + " answered within "
            + "kafka.health-timeout (" + timeout.toMillis() + " ms) with security.protocol=" + protocol
            + "; check the address, and that security.protocol matches the listener (a PLAINTEXT client gets no answer from "
            + "a TLS listener)";
        checker.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void close() {
        checker.shutdownNow();
    }

    /** @return null when the cluster answered the last check, otherwise why not; checks now if none ran yet */
    public String unavailable() {
        if (!checked) {
            return check();
        }
        return unavailable;
    }

    private void refresh() {
        try {
            unavailable = check();
            unwritable = unavailable == null ? partitionProblems() : List.of();
        } catch (RuntimeException e) {
            unavailable = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        checked = true;
    }

    /** @return {@link PartitionAvailability#problems} of our topics; empty when they may not be described (ACLs) */
    private List<String> partitionProblems() {
        try {
            Map<String, TopicDescription> described = new HashMap<>();
            admin.describeTopics(topics).topicNameValues().forEach((name, future) -> {
                try {
                    described.put(name, future.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
                } catch (ExecutionException | TimeoutException e) {
                    // Not created yet, or not ours to describe: nothing to say about it.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            if (System.nanoTime() - minIsrReadAt > MIN_ISR_AGE.toNanos() || !minIsr.keySet().containsAll(described.keySet())) {
                minIsr = readMinIsr(described.keySet());
                minIsrReadAt = System.nanoTime();
            }
            return PartitionAvailability.problems(described.values(), minIsr);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** @return each topic's {@code min.insync.replicas}, leaving out those whose configs may not be read */
    private Map<String, Integer> readMinIsr(Collection<String> names) {
        Map<String, Integer> values = new HashMap<>();
        List<ConfigResource> resources = names.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        admin.describeConfigs(resources).values().forEach((resource, future) -> {
            try {
                ConfigEntry entry = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
                if (entry != null && entry.value() != null) {
                    values.put(resource.name(), Integer.valueOf(entry.value()));
                }
            } catch (ExecutionException | TimeoutException e) {
                // No DescribeConfigs right on the topic: leaders are still checked.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return values;
    }

    private String check() {
        try {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            Collection<Node> nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return nodes.isEmpty() ? "the cluster reports no broker" : null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                return noAnswer;
            }
            return e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        } catch (TimeoutException e) {
            return noAnswer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        String reason = unavailable();
        if (reason != null) {
            details.put("error", reason);
        } else if (!unwritable.isEmpty()) {
            details.put("unwritable", unwritable);
        }
        healthStatus = reason == null ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    @Override
    protected String getName() {
        return "kafka";
    }
}
