package io.sensorfunctions.devkafka;

import kafka.server.BrokerServer;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A real single-node Apache Kafka KRaft cluster (combined broker and controller) in this JVM, built on Kafka's own
 * {@code KafkaClusterTestKit}. It serves the dev run ({@code ./mvnw mn:run}) and the tests; the shaded jar leaves the
 * broker classes out, so {@link #isAvailable()} is false there. Data lives in a temporary directory removed on close.
 */
public final class DevKafka implements AutoCloseable {

    /** Port of the dev run's broker. */
    public static final int DEV_PORT = 9092;
    private static final Logger LOG = LoggerFactory.getLogger(DevKafka.class);
    private static final String TEST_KIT = "kafka.testkit.KafkaClusterTestKit";

    /**
     * Broker settings of every broker the dev run and the tests use, this one and the tests' container alike: one
     * broker cannot give internal topics Kafka's default three replicas; no delay before a new group's first
     * rebalance ({@code group.initial.rebalance.delay.ms}, 3000 ms by default, is only there for groups that start
     * many members at once); a transaction left open by a crashed producer aborted within a second of its timeout,
     * not up to 10 s after; and topics exist only when created on purpose, so that a deleted topic stays deleted.
     */
    public static final Map<String, String> BROKER_DEFAULTS = Map.of(
        "offsets.topic.replication.factor", "1",
        "offsets.topic.num.partitions", "4",
        "transaction.state.log.replication.factor", "1",
        "transaction.state.log.min.isr", "1",
        "transaction.state.log.num.partitions", "4",
        "transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000",
        "group.initial.rebalance.delay.ms", "0",
        "auto.create.topics.enable", "false");

    private final KafkaClusterTestKit cluster;

    private DevKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** True when Kafka's broker and test kit classes are on the classpath. */
    public static boolean isAvailable() {
        try {
            Class.forName(TEST_KIT, false, DevKafka.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Formats and starts the cluster and waits until the broker serves requests.
     *
     * @param port client listener port on localhost; 0 picks a free one
     * @return the running broker
     * @throws Exception when the port is taken or the broker does not start
     */
    public static DevKafka start(int port) throws Exception {
        return start(port, Map.of());
    }

    /**
     * As {@link #start(int)}, with extra broker settings (e.g. an authorizer, for tests of what clients do when the
     * broker refuses them).
     *
     * @param port           client listener port on localhost; 0 picks a free one
     * @param brokerSettings broker configs added to, or replacing, the dev defaults
     * @return the running broker
     * @throws Exception when the port is taken or the broker does not start
     */
    public static DevKafka start(int port, Map<String, String> brokerSettings) throws Exception {
        long started = System.nanoTime();
        TestKitNodes nodes;
        // The test kit's temp directory registers a JVM hook that deletes it, racing the broker's own shutdown in
        // that same hook phase. close() deletes the directory itself, after the broker stopped, so drop that hook.
        Exit.setShutdownHookAdder((name, hook) -> { });
        try {
            nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build();
        } finally {
            Exit.resetShutdownHookAdder();
        }
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
            .setConfigProp("listeners", "EXTERNAL://localhost:" + port + ",CONTROLLER://localhost:0");
        BROKER_DEFAULTS.forEach(builder::setConfigProp);
        brokerSettings.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        DevKafka broker = new DevKafka(cluster);
        LOG.info("Embedded Kafka KRaft broker ready on {} in {} ms", broker.bootstrapServers(),
            (System.nanoTime() - started) / 1_000_000);
        return broker;
    }

    /**
     * Runs a dev broker on its own until the process is stopped, for benchmarks and scripts that need a broker outside
     * the application ({@code infra/bench/startup.sh}).
     *
     * @param args the client listener port ({@value #DEV_PORT} when none is given), then any broker settings as
     *             {@code key=value}
     * @throws Exception when the port is taken or the broker does not start
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] setting = args[i].split("=", 2);
            settings.put(setting[0], setting[1]);
        }
        DevKafka broker = start(args.length > 0 ? Integer.parseInt(args[0]) : DEV_PORT, settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                LOG.warn("Broker did not stop cleanly: {}", e.getMessage());
            }
        }, "dev-kafka-shutdown"));
        System.out.println("READY " + broker.bootstrapServers());
        new CountDownLatch(1).await();
    }

    /** {@code host:port} of the client listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Stops the broker while its controller and data stay, as a broker outage does: clients lose their connections
     * until {@link #startBroker()}. For outage tests; use a fixed port so that clients find the broker again.
     */
    public void stopBroker() {
        cluster.brokers().values().forEach(BrokerServer::shutdown);
    }

    /**
     * Starts the broker stopped by {@link #stopBroker()} on the same listener and data, and waits until it serves.
     *
     * @throws Exception when it does not start
     */
    public void startBroker() throws Exception {
        for (BrokerServer broker : cluster.brokers().values()) {
            broker.startup();
        }
        cluster.waitForReadyBrokers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
        LOG.info("Embedded Kafka broker stopped");
    }
}
