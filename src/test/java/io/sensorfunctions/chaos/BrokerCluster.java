package io.sensorfunctions.chaos;

import io.sensorfunctions.devkafka.DevKafka;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Kafka cluster laid out as managed services run one (Aiven, Confluent Cloud, MSK): a KRaft controller of its own and
 * three brokers, each a JVM process of Kafka's own {@code kafka.Kafka} from the test classpath, so that a broker can be
 * halted as a crashed machine is (SIGKILL: no controlled shutdown, no flush) and started again on its data. Configured
 * as those clusters are: {@code default.replication.factor} 3, {@code min.insync.replicas} 2,
 * {@code unclean.leader.election.enable} false, the offsets and transaction-state topics at 3 replicas (min ISR 2), and
 * topics only created on purpose. Broker ids are 1 to 3; each node logs to {@code <directory>/node-<id>.log}.
 */
final class BrokerCluster implements AutoCloseable {

    static final int BROKERS = 3;
    private static final int CONTROLLER = 0;
    /** How long a node may take to start, recover its logs and register. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;
    private final Map<Integer, Integer> ports = new LinkedHashMap<>();
    private final Map<Integer, Process> nodes = new HashMap<>();
    private final String bootstrapServers;

    private BrokerCluster(Path directory) throws IOException {
        this.directory = directory;
        for (int node = CONTROLLER; node <= BROKERS; node++) {
            ports.put(node, ChaosProcesses.freePort());
        }
        this.bootstrapServers = ports.entrySet().stream().filter(e -> e.getKey() != CONTROLLER)
            .map(e -> "localhost:" + e.getValue()).collect(Collectors.joining(","));
    }

    /**
     * Formats the four nodes' storage, starts them and waits until the three brokers are registered.
     *
     * @param directory where the nodes keep their data, configs and logs; emptied first
     * @throws IllegalStateException when a node does not format, or the brokers do not register within 90 s
     */
    static BrokerCluster start(Path directory) throws Exception {
        ChaosProcesses.emptyDirectory(directory);
        BrokerCluster cluster = new BrokerCluster(directory);
        try {
            String clusterId = Uuid.randomUuid().toString();
            List<Process> formats = new ArrayList<>();
            for (int node : cluster.ports.keySet()) {
                Files.writeString(cluster.config(node), cluster.properties(node));
                formats.add(cluster.kafka(node, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", cluster.config(node).toString()));
            }
            for (Process format : formats) {
                if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                    throw new IllegalStateException("kafka-storage format failed; see " + directory);
                }
            }
            for (int node : cluster.ports.keySet()) {
                cluster.nodes.put(node, cluster.kafka(node, "kafka.Kafka", cluster.config(node).toString()));
            }
            cluster.awaitRegistered(Set.of(1, 2, 3));
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** @return the three brokers' client listeners, {@code host:port,...} */
    String bootstrapServers() {
        return bootstrapServers;
    }

    /** An admin client on the cluster; the caller closes it. */
    AdminClient admin() {
        return AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    /** @return the broker id leading {@code topic}'s partition, waiting until it has a leader */
    int leader(String topic, int partition) {
        try (AdminClient admin = admin()) {
            return await().atMost(START_TIMEOUT).ignoreExceptions().until(() -> {
                Node leader = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(partition).leader();
                return leader == null ? -1 : leader.id();
            }, id -> id > 0);
        }
    }

    /** Halts the broker as a crash does: SIGKILL, no controlled shutdown, nothing flushed. Waits until it is gone. */
    void halt(int broker) throws InterruptedException {
        Process process = nodes.get(broker);
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Stops the broker as a rolling restart does: SIGTERM, so it moves its leaderships away first. */
    void stop(int broker) throws InterruptedException {
        Process process = nodes.get(broker);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("broker " + broker + " did not stop within 60 s");
        }
    }

    /** Starts a stopped or halted broker again on its data and waits until the controller has it registered. */
    void restart(int broker) throws Exception {
        assertThat(nodes.get(broker).isAlive()).as("broker %d is down", broker).isFalse();
        nodes.put(broker, kafka(broker, "kafka.Kafka", config(broker).toString()));
        awaitRegistered(alive());
    }

    /** @return the ids of the brokers whose process runs */
    Set<Integer> alive() {
        return nodes.entrySet().stream().filter(e -> e.getKey() != CONTROLLER && e.getValue().isAlive()).map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    }

    /**
     * Waits until every partition of {@code topics} has all its replicas in sync, as an operator waits between two
     * brokers of a rolling restart (the under-replicated partitions back to 0).
     */
    void awaitInSync(Collection<String> topics) {
        try (AdminClient admin = admin()) {
            await().atMost(START_TIMEOUT).ignoreExceptions().until(() -> {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
                return described.values().stream().flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && p.isr().size() == p.replicas().size());
            });
        }
    }

    /**
     * Waits until the brokers the cluster's metadata lists are {@code expected}: a halted broker leaves the list once
     * the controller fenced it ({@code broker.session.timeout.ms}), a restarted one joins it once registered.
     */
    void awaitRegistered(Set<Integer> expected) {
        try (AdminClient admin = admin()) {
            await().atMost(START_TIMEOUT).ignoreExceptions().until(() -> admin.describeCluster().nodes().get().stream()
                .map(Node::id).collect(Collectors.toSet()), expected::equals);
        }
    }

    private Path config(int node) {
        return directory.resolve("node-" + node + ".properties");
    }

    private String properties(int node) {
        Map<String, String> settings = new LinkedHashMap<>(DevKafka.BROKER_DEFAULTS);
        settings.put("node.id", Integer.toString(node));
        settings.put("controller.quorum.voters", CONTROLLER + "@localhost:" + ports.get(CONTROLLER));
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("log.dirs", directory.resolve("data-" + node).toString());
        if (node == CONTROLLER) {
            settings.put("process.roles", "controller");
            settings.put("listeners", "CONTROLLER://localhost:" + ports.get(node));
        } else {
            settings.put("process.roles", "broker");
            settings.put("listeners", "PLAINTEXT://localhost:" + ports.get(node));
            settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            settings.put("inter.broker.listener.name", "PLAINTEXT");
        }
        // As managed clusters are set: three replicas, two of them in sync for an acks=all write, no unclean election.
        settings.put("default.replication.factor", "3");
        settings.put("min.insync.replicas", "2");
        settings.put("unclean.leader.election.enable", "false");
        settings.put("offsets.topic.replication.factor", "3");
        settings.put("transaction.state.log.replication.factor", "3");
        settings.put("transaction.state.log.min.isr", "2");
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n"));
    }

    /** Runs one of Kafka's command-line mains on the test classpath, its output appended to the node's log. */
    private Process kafka(int node, String main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xms128m", "-Xmx512m", "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("node-" + node + ".log").toFile())).start();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : nodes.values()) {
            process.destroyForcibly();
        }
        for (Process process : nodes.values()) {
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
