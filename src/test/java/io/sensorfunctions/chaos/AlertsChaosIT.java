package io.sensorfunctions.chaos;

import io.sensorfunctions.avro.SensorAlert;
import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.devkafka.DevKafka;
import io.sensorfunctions.serde.AvroValueDecoder;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alerts function's exactly-once guarantee, checked against the packaged jar ({@code java -jar},
 * {@code FUNCTIONS=alerts}) by an oracle: the alerts that the documented rule gives for the readings, per sensor in
 * log order, recomputed here independently of the application's code, must be exactly what {@code sensor-alerts}
 * holds when read {@code read_committed}: no duplicate, none missing, none extra. Each scenario does its worst to two
 * alerts instances while they work: SIGKILL and restart, SIGSTOP past the session timeout and SIGCONT (a zombie that
 * must be fenced), a broker restart, poison pills. Runs in the {@code chaos} Maven profile.
 */
@Tag("chaos")
class AlertsChaosIT {

    private static final int SENSORS = 8;
    private static final int STEPS = 3_000;
    private static final int TOTAL = SENSORS * STEPS;
    private static final int PARTITIONS = 4;
    private static final double HIGH = 60;
    private static final double LOW = -20;
    private static final double JUMP = 30;
    private static final Pattern FENCED = Pattern.compile("(?m)^sensor_transactions_fenced_total\\{[^}]*} ([0-9.]+)");

    @Test
    void instancesKilledMidBurstLeaveExactlyTheAlertsOfTheReadings() throws Exception {
        try (Scenario scenario = new Scenario("kills", 500)) {
            scenario.start(0);
            scenario.start(1);
            scenario.awaitMembers(2);
            Producing producing = scenario.produce(1_000, Set.of());
            for (int kill = 1; kill <= 3; kill++) {
                producing.awaitAcked(kill * TOTAL / 4);
                scenario.kill(0);
                scenario.restart(0);
            }
            producing.finish();
            Oracle oracle = scenario.oracle(producing);
            System.out.println("alerts chaos (an instance of two killed with SIGKILL 3 times mid-burst, restarted each time): " + oracle);
            oracle.assertExact();
        }
    }

    @Test
    void anInstanceResumedAfterItsPartitionsMovedIsFencedAndCommitsNothing() throws Exception {
        try (Scenario scenario = new Scenario("fencing", 50)) {
            // A backlog that one instance drains alone, in many small transactions: stopped while draining, it is
            // almost surely inside one.
            Producing producing = scenario.produce(0, Set.of());
            producing.finish();
            scenario.start(0);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> TestKafka.committed(scenario.group(), scenario.broker.bootstrapServers()) > 0);
            ChaosProcesses.signal(scenario.instances.get(0), "STOP");
            long stopped = TestKafka.committed(scenario.group(), scenario.broker.bootstrapServers());
            scenario.start(1);
            await().atMost(Duration.ofSeconds(120))
                .until(() -> TestKafka.committed(scenario.group(), scenario.broker.bootstrapServers()) == TOTAL);
            ChaosProcesses.signal(scenario.instances.get(0), "CONT");
            scenario.awaitMembers(2);
            double fenced = scenario.fenced(0);
            Oracle oracle = scenario.oracle(producing);
            System.out.printf("alerts chaos (an instance stopped with SIGSTOP at committed offset %d of %d, its partitions moved, "
                + "then resumed with SIGCONT): fenced=%.0f, %s%n", stopped, TOTAL, fenced, oracle);
            oracle.assertExact();
            assertThat(stopped).as("stopped mid-backlog").isLessThan(TOTAL);
            assertThat(fenced).as("sensor_transactions_fenced_total of the resumed instance").isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aBrokerRestartAndPoisonPillsMidBurstLeaveTheAlertsExact() throws Exception {
        try (Scenario scenario = new Scenario("broker", 500)) {
            scenario.start(0);
            scenario.start(1);
            scenario.awaitMembers(2);
            Set<Integer> poisonAt = Set.of(STEPS / 5, STEPS / 2, 4 * STEPS / 5);
            Producing producing = scenario.produce(1_000, poisonAt);
            producing.awaitAcked(2 * TOTAL / 5);
            long stopped = System.nanoTime();
            scenario.broker.stopBroker();
            scenario.broker.startBroker();
            System.out.printf("alerts chaos: broker down and back in %d ms%n", (System.nanoTime() - stopped) / 1_000_000);
            producing.finish();
            Oracle oracle = scenario.oracle(producing);
            Map<String, Long> deadLettered = scenario.readCommitted(scenario.topic() + ".DLT", Function.identity()).stream()
                .collect(Collectors.groupingBy(value -> new String(value, StandardCharsets.UTF_8), TreeMap::new, Collectors.counting()));
            System.out.printf("alerts chaos (broker restarted mid-burst, %d poison pills): dead-lettered %s, %s%n", poisonAt.size(),
                deadLettered, oracle);
            oracle.assertExact();
            assertThat(deadLettered).as("each poison pill dead-lettered once")
                .isEqualTo(poisonAt.stream().collect(Collectors.toMap(Producing::poison, step -> 1L)));
        }
    }

    /** What the oracle found: the alerts the rule gives, what {@code sensor-alerts} holds, and how they differ. */
    private record Oracle(int expected, int got, long duplicates, long missing, long extra) {

        void assertExact() {
            assertThat(expected).as("alerts the rule gives").isGreaterThan(1_000);
            assertThat(this).as("sensor-alerts against the rule").isEqualTo(new Oracle(expected, expected, 0, 0, 0));
        }

        @Override
        public String toString() {
            return "oracle: expected=" + expected + " got=" + got + " duplicates=" + duplicates + " missing=" + missing
                + " extra=" + extra;
        }
    }

    /** The documented rule, written again here: per sensor, in log order, from the first reading on. */
    static List<String> expectedAlerts() {
        List<String> alerts = new ArrayList<>();
        for (int sensor = 0; sensor < SENSORS; sensor++) {
            Double previous = null;
            for (int step = 0; step < STEPS; step++) {
                double value = value(sensor, step);
                boolean wasAbove = previous != null && previous >= HIGH;
                boolean wasBelow = previous != null && previous <= LOW;
                if (value >= HIGH && !wasAbove) {
                    alerts.add(alert(sensor, step, "ABOVE_HIGH", previous));
                } else if (value <= LOW && !wasBelow) {
                    alerts.add(alert(sensor, step, "BELOW_LOW", previous));
                }
                if (previous != null && Math.abs(value - previous) >= JUMP) {
                    alerts.add(alert(sensor, step, "JUMP", previous));
                }
                previous = value;
            }
        }
        return alerts;
    }

    private static String alert(int sensor, int step, String kind, Double previous) {
        return "sensor" + sensor + " " + step + " " + kind + " " + previous;
    }

    /** A seasonal swing of ±70 around 20, with a sensor's own phase and a deterministic jitter of ±20: many alerts. */
    static double value(int sensor, int step) {
        long jitter = (step * 2_654_435_761L + sensor * 40_503L) % 1_000;
        return 20 + 70 * Math.sin(step / 6.0 + sensor) + (jitter / 1_000.0 - 0.5) * 40;
    }

    /** A broker, a registry, the alerts processes of one scenario, all stopped on close. */
    private static final class Scenario implements AutoCloseable {
        private final DevKafka broker;
        private final FunctionsInstance registry;
        private final Map<String, Object> props;
        private final Map<String, String> environment = new HashMap<>();
        private final List<Process> instances = new ArrayList<>();
        private final List<Integer> ports = new ArrayList<>();
        private final Path directory;
        private final HttpClient http = HttpClient.newHttpClient();

        Scenario(String name, int maxPollRecords) throws Exception {
            this.directory = Path.of("target/chaos", "alerts-" + name);
            ChaosProcesses.emptyDirectory(directory);
            broker = DevKafka.start(ChaosProcesses.freePort());
            props = TestKafka.isolated("alerts-chaos-" + name);
            props.put("kafka.bootstrap.servers", broker.bootstrapServers());
            props.put("functions", "registry");
            props.put("topics.readings-partitions", PARTITIONS);
            registry = FunctionsInstance.start(props);
            environment.put("FUNCTIONS", "alerts");
            environment.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            environment.put("SCHEMA_REGISTRY_URL", props.get("schema.registry.url").toString());
            environment.put("TOPICS_READINGS", props.get("topics.readings").toString());
            environment.put("TOPICS_READINGS_PARTITIONS", Integer.toString(PARTITIONS));
            environment.put("TOPICS_ALERTS", props.get("topics.alerts").toString());
            environment.put("ALERTS_GROUP_ID", props.get("alerts.group-id").toString());
            environment.put("ALERTS_HIGH", Double.toString(HIGH));
            environment.put("ALERTS_LOW", Double.toString(LOW));
            environment.put("ALERTS_JUMP", Double.toString(JUMP));
            environment.put("KAFKA_CONSUMERS_DEFAULT_MAX_POLL_RECORDS", Integer.toString(maxPollRecords));
        }

        String topic() {
            return environment.get("TOPICS_READINGS");
        }

        String group() {
            return environment.get("ALERTS_GROUP_ID");
        }

        /** Starts instance {@code index} (again, after a kill) and waits until its /health answers 200. */
        void start(int index) throws Exception {
            restart(index);
            int port = ports.get(index);
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        }

        /** Starts instance {@code index} (again, after a kill) without waiting for it. */
        void restart(int index) throws Exception {
            int port = index < ports.size() ? ports.get(index) : ChaosProcesses.freePort();
            ProcessBuilder builder = new ProcessBuilder(ChaosProcesses.javaJar()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("alerts-" + index + ".out").toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
            Process process = builder.start();
            if (index < instances.size()) {
                instances.set(index, process);
            } else {
                instances.add(process);
                ports.add(port);
            }
        }

        void awaitMembers(int count) {
            try (AdminClient admin = admin()) {
                await().atMost(Duration.ofSeconds(90)).until(() -> admin.describeConsumerGroups(List.of(group())).all().get()
                    .get(group()).members().size() == count);
            }
        }

        /** SIGKILL: no revoke, no commit, no abort; the group notices after session.timeout.ms. */
        void kill(int index) throws InterruptedException {
            Process process = instances.get(index);
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        /** @return the instance's {@code sensor_transactions_fenced_total}, once it answers */
        double fenced(int index) {
            AtomicReference<Double> fenced = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                String body = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ports.get(index) + "/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
                Matcher matcher = FENCED.matcher(body);
                fenced.set(matcher.find() ? Double.parseDouble(matcher.group(1)) : 0);
                return true;
            });
            return fenced.get();
        }

        Producing produce(int ratePerSecond, Set<Integer> poisonAt) {
            Producing producing = new Producing(broker.bootstrapServers(), environment.get("SCHEMA_REGISTRY_URL"), topic(),
                ratePerSecond, poisonAt);
            producing.start();
            return producing;
        }

        /** Waits until the group committed the whole readings topic and no transaction is open, then runs the oracle. */
        Oracle oracle(Producing producing) throws Exception {
            long end = TestKafka.endOffsets(topic(), broker.bootstrapServers());
            assertThat(producing.acked).as("every send acknowledged").hasSize(TOTAL + producing.poisonAt.size());
            await().atMost(Duration.ofSeconds(180)).until(() -> TestKafka.committed(group(), broker.bootstrapServers()) == end);
            AvroValueDecoder<SensorAlert> decoder = registry.bean(io.sensorfunctions.serde.AvroDecoders.class).forType(SensorAlert.class);
            String alertsTopic = environment.get("TOPICS_ALERTS");
            List<String> got = readCommitted(alertsTopic, value -> {
                SensorAlert alert = decoder.decode(alertsTopic, value);
                return alert.getSensorId() + " " + alert.getTimestamp().toEpochMilli() + " " + alert.getKind() + " " + alert.getPreviousValue();
            });
            List<String> expected = expectedAlerts();
            Map<String, Long> counts = got.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            Set<String> wanted = Set.copyOf(expected);
            long duplicates = counts.entrySet().stream().filter(e -> wanted.contains(e.getKey())).mapToLong(e -> e.getValue() - 1).sum();
            long missing = wanted.stream().filter(alert -> !counts.containsKey(alert)).count();
            long extra = counts.entrySet().stream().filter(e -> !wanted.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
            return new Oracle(expected.size(), got.size(), duplicates, missing, extra);
        }

        /**
         * Every committed value of {@code topic}, read {@code read_committed} once no transaction is open on it (its
         * last stable offset is its log end), from the beginning to that end.
         */
        <T> List<T> readCommitted(String topic, Function<byte[], T> decode) throws Exception {
            Map<TopicPartition, Long> end;
            try (AdminClient admin = admin()) {
                Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, admin.describeTopics(List.of(topic)).allTopicNames().get()
                        .get(topic).partitions().size()).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
                AtomicReference<Map<TopicPartition, Long>> stable = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(120)).until(() -> {
                    Map<TopicPartition, Long> committed = offsets(admin, latest, IsolationLevel.READ_COMMITTED);
                    stable.set(committed);
                    return committed.equals(offsets(admin, latest, IsolationLevel.READ_UNCOMMITTED));
                });
                end = stable.get();
            }
            List<T> values = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.assign(end.keySet());
                consumer.seekToBeginning(end.keySet());
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        values.add(decode.apply(record.value()));
                    }
                    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                });
            }
            return values;
        }

        private static Map<TopicPartition, Long> offsets(AdminClient admin, Map<TopicPartition, OffsetSpec> specs,
                                                         IsolationLevel isolation) throws Exception {
            return admin.listOffsets(specs, new ListOffsetsOptions(isolation)).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }

        private AdminClient admin() {
            return AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        }

        @Override
        public void close() throws Exception {
            ChaosProcesses.stopAll(instances);
            registry.close();
            broker.close();
        }
    }

    /**
     * The readings, each sensor's in step order to partition {@code sensor % PARTITIONS}, at a steady rate (0: as fast
     * as they go); a poison pill (bytes that are no Avro record) into partition 0 before each step of {@code poisonAt}.
     */
    private static final class Producing extends ChaosProducer {
        final Set<Integer> poisonAt;
        private final KafkaProducer<byte[], byte[]> poisoner;
        private final String topic;
        private final int ratePerSecond;

        Producing(String bootstrap, String registryUrl, String topic, int ratePerSecond, Set<Integer> poisonAt) {
            super("alerts-chaos-producer", bootstrap, registryUrl);
            this.poisoner = new KafkaProducer<>(config(bootstrap), new ByteArraySerializer(), new ByteArraySerializer());
            this.topic = topic;
            this.ratePerSecond = ratePerSecond;
            this.poisonAt = poisonAt;
        }

        static String poison(int step) {
            return "poison before step " + step;
        }

        @Override
        protected void produce() throws Exception {
            long started = System.nanoTime();
            try (poisoner) {
                for (int step = 0; step < STEPS; step++) {
                    if (poisonAt.contains(step)) {
                        // Into the partition of sensor0, between two of its readings; flushed first so that it lands there.
                        producer.flush();
                        poisoner.send(new ProducerRecord<>(topic, 0, "sensor0".getBytes(StandardCharsets.UTF_8),
                            poison(step).getBytes(StandardCharsets.UTF_8)), acknowledging(poison(step))).get();
                    }
                    for (int sensor = 0; sensor < SENSORS; sensor++) {
                        String id = "sensor" + sensor;
                        SensorReading reading = SensorReading.newBuilder().setId(id).setTimestamp(Instant.ofEpochMilli(step))
                            .setValue(value(sensor, step)).build();
                        producer.send(new ProducerRecord<>(topic, sensor % PARTITIONS, id, reading), acknowledging(id + " " + step));
                    }
                    if (ratePerSecond > 0) {
                        pace(started, (long) (step + 1) * SENSORS, ratePerSecond);
                    }
                }
            }
        }
    }
}
