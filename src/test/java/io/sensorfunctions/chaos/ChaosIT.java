package io.sensorfunctions.chaos;

import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.devkafka.DevKafka;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chaos against the built jar: three reader processes ({@code java -jar}, {@code FUNCTIONS=reader}) share a group while
 * 100,000 readings with distinct (sensor, step) identities are produced; readers are killed with SIGKILL and
 * started again, and in the second run the broker is restarted too, mid-stream. Each reader appends what it processed to its {@code reader.audit-file}, which
 * survives the kill. Every reading must be processed at least once, duplicates stay within one uncommitted poll per
 * kill, and the group's committed offsets reach the log end. Runs in the {@code chaos} Maven profile.
 */
@Tag("chaos")
class ChaosIT {

    private static final int SENSORS = 8;
    private static final int STEPS = 12_500;
    private static final int TOTAL = SENSORS * STEPS;
    private static final int PARTITIONS = 6;
    private static final int RATE_PER_SECOND = 10_000;
    private static final int MAX_POLL_RECORDS = 500;

    @Test
    void killedAndRestartedReadersLoseNothing() throws Exception {
        try (Scenario scenario = new Scenario("kills")) {
            scenario.startReaders(3);
            Producing producing = scenario.produce();
            producing.awaitAcked(TOTAL / 4);
            scenario.kill(0);
            producing.awaitAcked(TOTAL / 2);
            scenario.kill(1);
            producing.awaitAcked(3 * TOTAL / 4);
            scenario.startReaders(1);
            producing.finish();

            Result result = scenario.result(producing);
            System.out.printf("chaos (2 readers killed with SIGKILL, 1 restarted): lost=%d duplicates=%d%n", result.lost(), result.duplicates());
            assertThat(result.lost()).isZero();
            assertThat(result.duplicates()).as("at most one uncommitted poll per kill").isLessThanOrEqualTo(2 * MAX_POLL_RECORDS);
        }
    }

    @Test
    void aBrokerRestartMidProductionLosesNoAcknowledgedReadingAndWritesNoDuplicate() throws Exception {
        try (Scenario scenario = new Scenario("broker")) {
            scenario.startReaders(3);
            Producing producing = scenario.produce();
            producing.awaitAcked(TOTAL / 4);
            scenario.kill(0);
            producing.awaitAcked(TOTAL / 2);
            long stopped = System.nanoTime();
            scenario.broker.stopBroker();
            scenario.broker.startBroker();
            System.out.printf("chaos: broker down and back in %d ms%n", (System.nanoTime() - stopped) / 1_000_000);
            producing.awaitAcked(3 * TOTAL / 4);
            scenario.startReaders(1);
            producing.finish();

            Result result = scenario.result(producing);
            System.out.printf("chaos (1 reader killed, broker restarted mid-production, 1 reader started): lost=%d "
                + "duplicates=%d in the topic, %d duplicates processed%n", result.lost(), result.topicDuplicates(), result.duplicates());
            assertThat(result.lost()).isZero();
            assertThat(result.topicDuplicates()).as("acks=all with idempotence writes no record twice").isZero();
            assertThat(result.duplicates()).as("at most one uncommitted poll per kill and per broker restart")
                .isLessThanOrEqualTo(2 * MAX_POLL_RECORDS);
        }
    }

    /** The counts over what the readers' audit files say they processed. */
    private record Result(long lost, long duplicates, long topicDuplicates) {
    }

    /** A broker, a registry and reader processes of one scenario, all stopped on close. */
    private static final class Scenario implements AutoCloseable {
        private final String name;
        private final DevKafka broker;
        private final FunctionsInstance registry;
        private final Map<String, String> environment = new HashMap<>();
        private final List<Process> readers = new ArrayList<>();
        private final Path directory;

        Scenario(String name) throws Exception {
            this.name = name;
            this.directory = Path.of("target/chaos", name);
            ChaosProcesses.emptyDirectory(directory);
            broker = DevKafka.start(ChaosProcesses.freePort());
            Map<String, Object> props = TestKafka.isolated("chaos-" + name);
            props.put("kafka.bootstrap.servers", broker.bootstrapServers());
            props.put("functions", "registry");
            props.put("topics.readings-partitions", PARTITIONS);
            registry = FunctionsInstance.start(props);
            environment.put("FUNCTIONS", "reader");
            environment.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            environment.put("SCHEMA_REGISTRY_URL", props.get("schema.registry.url").toString());
            environment.put("TOPICS_READINGS", props.get("topics.readings").toString());
            environment.put("TOPICS_READINGS_PARTITIONS", Integer.toString(PARTITIONS));
            environment.put("TOPICS_ALERTS", props.get("topics.alerts").toString());
            environment.put("READER_GROUP_ID", props.get("reader.group-id").toString());
            environment.put("KAFKA_CONSUMERS_DEFAULT_MAX_POLL_RECORDS", Integer.toString(MAX_POLL_RECORDS));
        }

        String topic() {
            return environment.get("TOPICS_READINGS");
        }

        String group() {
            return environment.get("READER_GROUP_ID");
        }

        /** Starts readers and waits until each answers /health and the group has them all. */
        void startReaders(int count) throws Exception {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = readers.size();
                Map<String, String> reader = new HashMap<>(environment);
                reader.put("READER_AUDIT_FILE", directory.resolve("reader-" + index + ".audit").toString());
                ports.add(ChaosProcesses.freePort());
                readers.add(ChaosProcesses.startJar(reader, ports.get(i), directory.resolve("reader-" + index + ".out")));
            }
            ports.forEach(ChaosProcesses::awaitHealthy);
            long alive = readers.stream().filter(Process::isAlive).count();
            try (AdminClient admin = admin()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> admin.describeConsumerGroups(List.of(group())).all().get()
                    .get(group()).members().size() == alive);
            }
        }

        /** SIGKILL: no revoke, no commit, no leave; the group notices after session.timeout.ms. */
        void kill(int index) throws InterruptedException {
            Process reader = readers.get(index);
            reader.destroyForcibly();
            assertThat(reader.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        Producing produce() {
            Producing producing = new Producing(broker.bootstrapServers(), environment.get("SCHEMA_REGISTRY_URL"), topic());
            producing.start();
            return producing;
        }

        Result result(Producing producing) throws Exception {
            long end = TestKafka.endOffsets(topic(), broker.bootstrapServers());
            assertThat(end).as("records in the topic").isGreaterThanOrEqualTo(TOTAL);
            await().atMost(Duration.ofSeconds(180)).until(() -> TestKafka.committed(group(), broker.bootstrapServers()) == end);
            List<String> processed = new ArrayList<>();
            try (Stream<Path> files = Files.list(directory)) {
                for (Path audit : files.filter(f -> f.toString().endsWith(".audit")).toList()) {
                    for (String line : Files.readAllLines(audit)) {
                        String[] fields = line.split(" ");
                        processed.add(fields[0] + " " + fields[1]);
                    }
                }
            }
            Set<String> distinct = new HashSet<>(processed);
            Set<String> missing = new HashSet<>(producing.acked);
            missing.removeAll(distinct);
            assertThat(producing.acked).as("every send acknowledged").hasSize(TOTAL);
            return new Result(missing.size(), processed.size() - distinct.size(), end - TOTAL);
        }

        private AdminClient admin() {
            return AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        }

        @Override
        public void close() throws Exception {
            ChaosProcesses.stopAll(readers);
            registry.close();
            broker.close();
        }
    }

    /** 100,000 readings at a steady rate, spread over the partitions. */
    private static final class Producing extends ChaosProducer {
        private final String topic;

        Producing(String bootstrap, String registryUrl, String topic) {
            super("chaos-producer", bootstrap, registryUrl);
            this.topic = topic;
        }

        @Override
        protected void produce() {
            long started = System.nanoTime();
            for (int step = 0; step < STEPS; step++) {
                for (int sensor = 0; sensor < SENSORS; sensor++) {
                    String id = "sensor" + sensor;
                    SensorReading reading = SensorReading.newBuilder().setId(id).setTimestamp(Instant.ofEpochMilli(step))
                        .setValue(step).build();
                    producer.send(new ProducerRecord<>(topic, (step * SENSORS + sensor) % PARTITIONS, id, reading),
                        acknowledging(id + " " + step));
                }
                // A steady rate, so that kills and restarts land mid-stream.
                pace(started, (long) (step + 1) * SENSORS, RATE_PER_SECOND);
            }
        }
    }
}
