package io.sensorfunctions;

import io.sensorfunctions.devkafka.DevKafka;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * One real Kafka broker for the whole test JVM: Testcontainers' Kafka module when a Docker engine answers, otherwise
 * Kafka's own KRaft test kit in-process. Each test class isolates itself with its own topics, group and registry
 * store through {@link #isolated(String)}.
 */
public final class TestKafka {

    private static final Logger LOG = LoggerFactory.getLogger(TestKafka.class);
    private static String bootstrapServers;

    private TestKafka() {
    }

    /** Starts the broker on first use. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = dockerAvailable() ? startContainer() : startInProcess();
        }
        return bootstrapServers;
    }

    /**
     * Properties for one test's application context: the shared broker, topics and names unique to {@code name},
     * and a free HTTP port that the serde's {@code schema.registry.url} points at.
     */
    public static Map<String, Object> isolated(String name) {
        int port = freePort();
        Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", bootstrapServers());
        props.put("topics.readings", name + "-readings");
        props.put("topics.schemas", "_schemas-" + name);
        props.put("reader.group-id", name + "-readers");
        props.put("registry.transactional-id", name + "-registry");
        props.put("micronaut.server.port", port);
        props.put("schema.registry.url", "http://localhost:" + port);
        return props;
    }

    /** {@link #isolated} properties as {@code TestPropertyProvider} wants them. */
    public static Map<String, String> strings(Map<String, Object> props) {
        Map<String, String> strings = new HashMap<>();
        props.forEach((k, v) -> strings.put(k, v.toString()));
        return strings;
    }

    /** An admin client on the shared broker; the caller closes it. */
    public static AdminClient admin() {
        return AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String startContainer() {
        KafkaContainer container = new KafkaContainer("apache/kafka:3.9.1");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        LOG.info("Tests use a Testcontainers Kafka broker at {}", container.getBootstrapServers());
        return container.getBootstrapServers();
    }

    private static String startInProcess() {
        try {
            DevKafka broker = DevKafka.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    broker.close();
                } catch (Exception e) {
                    LOG.warn("Test broker did not stop cleanly: {}", e.getMessage());
                }
            }));
            return broker.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the in-process Kafka broker", e);
        }
    }
}
