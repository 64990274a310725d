package io.sensorfunctions.testkit;

import com.github.dockerjava.api.exception.NotFoundException;
import io.sensorfunctions.devkafka.DevKafka;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * One real Kafka broker for the whole test JVM: Testcontainers' Kafka module when a Docker engine answers and the
 * broker image is in it, otherwise Kafka's own KRaft test kit in-process. The image is {@code KAFKA_IMAGE}, by default
 * {@code apache/kafka:3.9.1}; where no image registry can be reached, {@code infra/docker/base-images.sh} builds a
 * stand-in from Kafka's Maven Central jars, which Testcontainers takes as a compatible substitute. The tests never
 * pull: an image that is not there means the in-process broker, said in one line. Each test class isolates itself
 * with its own topics, group and registry store through {@link #isolated(String)}.
 */
public final class TestKafka {

    private static final Logger LOG = LoggerFactory.getLogger(TestKafka.class);
    /** The environment variable naming the broker image; Testcontainers' Kafka module knows it as apache/kafka. */
    static final String IMAGE_VARIABLE = "KAFKA_IMAGE";
    private static final String DEFAULT_IMAGE_NAME = "apache/kafka";
    private static final String DEFAULT_IMAGE = DEFAULT_IMAGE_NAME + ":3.9.1";
    private static String bootstrapServers;

    private TestKafka() {
    }

    /** Starts the broker on first use. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = containerImage().map(TestKafka::startContainer).orElseGet(TestKafka::startInProcess);
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
        props.put("topics.alerts", name + "-alerts");
        props.put("alerts.group-id", name + "-alerts");
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

    /**
     * Creates {@code name} with {@code partitions} partitions and returns once the broker's metadata serves it, every
     * partition with a leader. CreateTopics answers when the controller has the topic; a broker may learn of it a little
     * later (AdminClient#createTopics says so), and a client that asks it meanwhile is told the topic does not exist.
     *
     * @return {@code name}
     */
    public static String createTopic(String name, int partitions) {
        try (AdminClient admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> admin.describeTopics(List.of(name)).allTopicNames().get()
                .get(name).partitions().stream().filter(p -> p.leader() != null).count() == partitions);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topic " + name, e);
        }
        return name;
    }

    /** @return the sum of the group's committed offsets over all partitions; 0 when it committed none */
    public static long committed(String group) throws Exception {
        return committed(group, bootstrapServers());
    }

    /** @return as {@link #committed(String)}, on the broker at {@code bootstrapServers} */
    public static long committed(String group, String bootstrapServers) throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
                .filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    /** @return the sum of the topic's log-end offsets over all its partitions */
    public static long endOffsets(String topic) throws Exception {
        return endOffsets(topic, bootstrapServers());
    }

    /** @return as {@link #endOffsets(String)}, on the broker at {@code bootstrapServers} */
    public static long endOffsets(String topic, String bootstrapServers) throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
        }
    }

    /** A producer of raw bytes on the shared broker, acks=all; the caller closes it. */
    public static KafkaProducer<byte[], byte[]> rawProducer() {
        return rawProducer("none");
    }

    /** As {@link #rawProducer()}, compressing its batches with {@code compression} (Kafka's compression.type). */
    public static KafkaProducer<byte[], byte[]> rawProducer(String compression) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, compression), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Every record of {@code topic} from the beginning up to its end now, as raw bytes, read without a group. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) throws Exception {
        long end = endOffsets(topic);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the broker image when a Docker engine answers and has it, else empty, with the reason logged */
    private static Optional<String> containerImage() {
        String image = Optional.ofNullable(System.getenv(IMAGE_VARIABLE)).filter(name -> !name.isBlank()).orElse(DEFAULT_IMAGE);
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                LOG.info("Tests use the in-process Kafka broker: no Docker engine answers");
                return Optional.empty();
            }
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return Optional.of(image);
        } catch (NotFoundException e) {
            LOG.info("Tests use the in-process Kafka broker: Docker has no image {} (docker pull it, or build the local "
                + "stand-in with infra/docker/base-images.sh; {} names another)", image, IMAGE_VARIABLE);
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            LOG.info("Tests use the in-process Kafka broker: Docker did not answer ({})", e.toString());
            return Optional.empty();
        }
    }

    private static String startContainer(String image) {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(image).asCompatibleSubstituteFor(DEFAULT_IMAGE_NAME));
        // The same broker settings as the in-process broker, in apache/kafka's KAFKA_<KEY> convention: the outage
        // tests delete topics and need them to stay deleted.
        DevKafka.BROKER_DEFAULTS.forEach((key, value) -> container.withEnv("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        LOG.info("Tests use a Testcontainers Kafka broker ({}) at {}", image, container.getBootstrapServers());
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
