package io.sensorfunctions.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One case of {@link ClusterChaosIT}: a {@link BrokerCluster} and instances of the packaged jar on it, with our
 * defaults (topic names, group, replication), named and reached over HTTP; all stopped on close. The first instance
 * that runs the registry function is every later instance's {@code SCHEMA_REGISTRY_URL}.
 */
final class ClusterScenario implements AutoCloseable {

    static final String READINGS = "sensor-readings";
    static final String GROUP = "sensor-readers";
    private static final ObjectMapper JSON = new ObjectMapper();

    final BrokerCluster cluster;
    private final Path directory;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private String registryUrl;

    ClusterScenario(String name) throws Exception {
        directory = Path.of("target/chaos", "cluster-" + name);
        ChaosProcesses.emptyDirectory(directory);
        cluster = BrokerCluster.start(directory.resolve("kafka"));
    }

    /**
     * Starts instances of the packaged jar and waits until each answers {@code /health} with 200.
     *
     * @param functions their {@code FUNCTIONS}
     * @param settings  more environment variables
     * @param names     one name per instance; its output goes to {@code <name>.out}, and a reader's audit file to
     *                  {@code <name>.audit}
     */
    void start(String functions, Map<String, String> settings, String... names) throws IOException {
        for (String name : names) {
            int port = ChaosProcesses.freePort();
            Map<String, String> environment = new HashMap<>(settings);
            environment.put("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers());
            environment.put("FUNCTIONS", functions);
            environment.put("SCHEMA_REGISTRY_URL", registryUrl == null ? "http://localhost:" + port : registryUrl);
            environment.put("READER_AUDIT_FILE", directory.resolve(name + ".audit").toString());
            processes.put(name, ChaosProcesses.startJar(environment, port, directory.resolve(name + ".out")));
            ports.put(name, port);
            if (registryUrl == null && functions.contains("registry")) {
                registryUrl = "http://localhost:" + port;
            }
        }
        for (String name : names) {
            ChaosProcesses.awaitHealthy(ports.get(name));
        }
    }

    /** Starts readers ({@code FUNCTIONS=reader}) and waits until the group has them all. */
    void startReaders(String... names) throws IOException {
        start("reader", Map.of(), names);
        try (AdminClient admin = cluster.admin()) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> admin.describeConsumerGroups(List.of(GROUP)).all()
                .get().get(GROUP).members().size() == names.length);
        }
    }

    /** Stops an instance as a deployment does (SIGTERM: it flushes, commits and leaves). */
    void stop(String name) throws InterruptedException {
        Process process = processes.get(name);
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s stopped", name).isTrue();
    }

    /** @return the named instance's output: its log */
    String output(String name) throws IOException {
        return Files.readString(directory.resolve(name + ".out"));
    }

    /** {@code POST /produce} on the named instance; @return the burst's id */
    String burst(String name, int events, int delayMs) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri(name, "/produce")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"events\":" + events + ",\"delayMs\":" + delayMs + "}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return JSON.readTree(answer.body()).get("id").asText();
    }

    /** {@code GET /produce/{id}} on the named instance. */
    JsonNode progress(String name, String burst) throws Exception {
        return JSON.readTree(get(name, "/produce/" + burst).body());
    }

    /** @return the named instance's answer to a GET of {@code path} */
    HttpResponse<String> get(String name, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(name, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the answer to a POST of a JSON {@code body} to the named instance's {@code path} */
    HttpResponse<String> post(String name, String path, String contentType, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(name, path)).header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return a counter's value in the named instance's {@code /prometheus} scrape, e.g. {@code sensor_records_sent_total} */
    double metric(String name, String metric) throws IOException, InterruptedException {
        Matcher value = Pattern.compile("(?m)^" + metric + "(\\{[^}]*})? ([0-9.E+-]+)$").matcher(get(name, "/prometheus").body());
        assertThat(value.find()).as("%s in the scrape", metric).isTrue();
        return Double.parseDouble(value.group(2));
    }

    private URI uri(String name, String path) {
        return URI.create("http://localhost:" + ports.get(name) + path);
    }

    /** @return each partition of the readings topic and its log end (the high watermark) */
    Map<TopicPartition, Long> endOffsets() throws Exception {
        try (AdminClient admin = cluster.admin()) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(READINGS)).allTopicNames().get().get(READINGS)
                .partitions().stream().collect(Collectors.toMap(p -> new TopicPartition(READINGS, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    /** @return the records in the readings topic, over all partitions */
    long records() throws Exception {
        return endOffsets().values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return the timestamp of every record in {@code topic}, from its beginning to its end now */
    static List<Long> timestamps(BrokerCluster cluster, String topic) throws Exception {
        Map<TopicPartition, Long> ends;
        try (AdminClient admin = cluster.admin()) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .stream().collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            ends = admin.listOffsets(latest).all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
        List<Long> timestamps = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            cluster.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> timestamps.add(r.timestamp()));
                return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return timestamps;
    }

    /** Waits up to 3 minutes until the readers' committed offsets reach the log end of every partition. */
    void awaitCaughtUp() {
        try (AdminClient admin = cluster.admin()) {
            await().atMost(Duration.ofSeconds(180)).ignoreExceptions().until(() -> {
                Map<TopicPartition, Long> ends = endOffsets();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                    && Objects.equals(committed.get(e.getKey()).offset(), e.getValue()));
            });
        }
    }

    /**
     * What the readers did once the writes stopped.
     *
     * @param caughtUpMs how long after {@code since} their lag reached 0, ms
     * @param audit      what their audit files say
     * @param ends       each partition's log end
     * @param records    the records in the readings topic
     */
    record Drained(long caughtUpMs, Audit audit, Map<TopicPartition, Long> ends, long records) {
    }

    /** Waits until the readers caught up ({@link #awaitCaughtUp()}); @param since when the writes stopped, System.nanoTime() */
    Drained drain(long since) throws Exception {
        awaitCaughtUp();
        long caughtUpMs = (System.nanoTime() - since) / 1_000_000;
        Map<TopicPartition, Long> ends = endOffsets();
        return new Drained(caughtUpMs, audit(), ends, ends.values().stream().mapToLong(Long::longValue).sum());
    }

    /** What the readers' audit files say: the offsets processed ({@code partition@offset}) and the distinct readings. */
    record Audit(Set<String> offsets, long distinctReadings) {

        /** @return every offset below each partition's end, as {@code partition@offset} */
        static Set<String> allOffsets(Map<TopicPartition, Long> ends) {
            return ends.entrySet().stream().flatMap(e -> Stream.iterate(0L, o -> o < e.getValue(), o -> o + 1)
                .map(o -> e.getKey().partition() + "@" + o)).collect(Collectors.toSet());
        }
    }

    /** Reads the audit files the readers wrote ({@code <sensor id> <timestamp ms> <partition> <offset>} per line). */
    Audit audit() throws IOException {
        Set<String> offsets = new HashSet<>();
        Set<String> readings = new HashSet<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".audit")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] fields = line.split(" ");
                    readings.add(fields[0] + " " + fields[1]);
                    offsets.add(fields[2] + "@" + fields[3]);
                }
            }
        }
        return new Audit(offsets, readings.size());
    }

    @Override
    public void close() throws Exception {
        ChaosProcesses.stopAll(new ArrayList<>(processes.values()));
        cluster.close();
    }
}
