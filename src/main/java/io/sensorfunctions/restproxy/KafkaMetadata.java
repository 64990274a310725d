package io.sensorfunctions.restproxy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.kafka.Failures;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The cluster's metadata in the REST proxy's v2 shapes, read through the shared AdminClient at each call, so that it
 * is never stale. Every call waits at most {@link #TIMEOUT}.
 */
@Singleton
@RequiresFunction(EventFunction.REST_PROXY)
class KafkaMetadata {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** {@code GET /brokers}: the ids of the cluster's brokers. */
    @Serdeable
    record Brokers(List<Integer> brokers) {
    }

    /** A replica of a partition: its broker, whether it leads, whether it is in sync. */
    @Serdeable
    record Replica(int broker, boolean leader, @JsonProperty("in_sync") boolean inSync) {
    }

    /** A partition: its number, its leader's broker id (-1 while it has none) and its replicas. */
    @Serdeable
    record Partition(int partition, int leader, List<Replica> replicas) {
    }

    /** {@code GET /topics/{topic}}: its name, its configs (name to value) and its partitions. */
    @Serdeable
    record Topic(String name, Map<String, String> configs, List<Partition> partitions) {
    }

    /** {@code GET /topics/{topic}/partitions/{p}/offsets}: the first offset still in the log, and the next to be written. */
    @Serdeable
    record Offsets(@JsonProperty("beginning_offset") long beginningOffset, @JsonProperty("end_offset") long endOffset) {
    }

    /** How long a produce trusts a topic's partition count before asking the cluster again. */
    static final Duration PARTITION_COUNT_AGE = Duration.ofSeconds(10);

    /** A topic's partition count, and when it was read (System.nanoTime()). */
    private record PartitionCount(int count, long readAt) {
    }

    private final AdminClient admin;
    private final Map<String, PartitionCount> partitionCounts = new ConcurrentHashMap<>();

    KafkaMetadata(AdminClient admin) {
        this.admin = admin;
    }

    /**
     * A topic's partition count for produce, read from the cluster at most every {@link #PARTITION_COUNT_AGE} per topic,
     * so that a produce does not wait for a metadata round trip each time (the producer's own metadata is not
     * public). A topic deleted meanwhile fails its records one by one, as Kafka's producer reports it.
     *
     * @param fresh true to read it now, as when a partition beyond the known count is asked for
     * @throws RestProxyException 40401 when the topic does not exist, 503 when the cluster does not answer
     */
    int partitionCount(String topic, boolean fresh) {
        PartitionCount known = partitionCounts.get(topic);
        if (fresh || known == null || System.nanoTime() - known.readAt() > PARTITION_COUNT_AGE.toNanos()) {
            known = new PartitionCount(partitions(topic).size(), System.nanoTime());
            partitionCounts.put(topic, known);
        }
        return known.count();
    }

    /** @throws RestProxyException 503 when the cluster does not answer within {@link #TIMEOUT} */
    Brokers brokers() {
        return new Brokers(get(admin.describeCluster().nodes(), "the cluster's brokers").stream().map(Node::id).sorted().toList());
    }

    /** @return the topics' names, sorted; Kafka's internal topics left out */
    List<String> topics() {
        return get(admin.listTopics().names(), "the topics").stream().sorted().toList();
    }

    /** @throws RestProxyException 40401 when the topic does not exist, 503 when the cluster does not answer */
    Topic topic(String name) {
        List<Partition> partitions = partitions(name);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        Config config = get(admin.describeConfigs(List.of(resource)).all(), "the configs of " + name).get(resource);
        Map<String, String> configs = new TreeMap<>();
        for (ConfigEntry entry : config.entries()) {
            if (entry.value() != null) {
                configs.put(entry.name(), entry.value());
            }
        }
        return new Topic(name, configs, partitions);
    }

    /** @throws RestProxyException 40401 when the topic does not exist, 503 when the cluster does not answer */
    List<Partition> partitions(String topic) {
        TopicDescription description;
        try {
            description = get(admin.describeTopics(List.of(topic)).allTopicNames(), "topic " + topic).get(topic);
        } catch (RestProxyException e) {
            throw e.status() == HttpStatus.NOT_FOUND ? RestProxyException.topicNotFound(topic) : e;
        }
        return description.partitions().stream().map(KafkaMetadata::partition).toList();
    }

    /** @throws RestProxyException 40401 or 40402 when the topic or the partition does not exist */
    Partition partition(String topic, int partition) {
        return partitions(topic).stream().filter(p -> p.partition() == partition).findFirst()
            .orElseThrow(() -> RestProxyException.partitionNotFound(topic, partition));
    }

    /** @throws RestProxyException 40401 or 40402 when the topic or the partition does not exist */
    Offsets offsets(String topic, int partition) {
        partition(topic, partition);
        TopicPartition tp = new TopicPartition(topic, partition);
        long beginning = get(admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).partitionResult(tp), "offsets of " + tp).offset();
        long end = get(admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp), "offsets of " + tp).offset();
        return new Offsets(beginning, end);
    }

    private static Partition partition(TopicPartitionInfo info) {
        Node leader = info.leader();
        List<Replica> replicas = info.replicas().stream().map(node -> new Replica(node.id(),
            leader != null && leader.id() == node.id(), info.isr().contains(node))).toList();
        return new Partition(info.partition(), leader == null ? -1 : leader.id(), replicas);
    }

    private static <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new RestProxyException(HttpStatus.NOT_FOUND, HttpStatus.NOT_FOUND.getCode(), "Not found: " + what);
            }
            throw unavailable(what, Failures.rootMessage(e));
        } catch (TimeoutException e) {
            throw unavailable(what, "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(what, "interrupted");
        }
    }

    private static RestProxyException unavailable(String what, String why) {
        return new RestProxyException(HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE.getCode(),
            "Kafka did not give " + what + ": " + why);
    }
}
