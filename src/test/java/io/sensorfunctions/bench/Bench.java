package io.sensorfunctions.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The benchmark behind {@code infra/bench/run.sh}: ours against the raw Kafka clients, on one broker, interleaved
 * repetitions, one table. Ours runs as users run it, {@code java -jar} of the packaged jar with {@code FUNCTIONS} set;
 * each raw client runs in a JVM of its own ({@link RawClients}), so both pay the same start-up and JIT warm-up.
 *
 * <p>Settings, from the environment: {@code BENCH_BOOTSTRAP} (the broker), {@code BENCH_BOOTSTRAP_KIP848} (a broker
 * with KIP-848's consumer protocol enabled, for that rebalance row; left out when unset), {@code BENCH_REGISTRY} (a registry
 * function), {@code BENCH_JAR}, {@code BENCH_OUT} (default {@code target/bench}), {@code BENCH_REPS} (3),
 * {@code BENCH_PRODUCE} (records per burst, 500,000), {@code BENCH_LATENCY_SECONDS} (4 per rate),
 * {@code BENCH_SMOKE=true} (one repetition, small counts, short JMH: it checks that the benchmark works, not the
 * figures), {@code BENCH_JVM} (heap flags of every JVM, {@code -Xmx512m}), {@code BENCH_SECTIONS} (a comma list of
 * {@code produce,consume,latency,serde,rebalance}, the default, and {@code settings}, which only runs when named;
 * {@code consume} and {@code settings} drain what {@code produce} wrote, so they run {@code produce} too).
 *
 * <p>Throughput is measured the same way for ours and raw: an AdminClient reads the group's committed offsets every
 * 50 ms, and the rate is the records committed between the first and the last observation that moved, over that time.
 */
public final class Bench {

    /** One line of the table: ours and, when there is one, the raw client's figures. */
    record Row(String section, String name, String unit, List<Double> ours, List<Double> raw, boolean higherIsBetter) {
        /**
         * The median of the repetitions' ratios, ours/raw, each repetition's pair measured back to back; the ratio of
         * the medians when the two sides have different counts (e.g. one latency run per rate and side).
         */
        double ratio() {
            if (raw.isEmpty()) {
                return Double.NaN;
            }
            if (ours.size() != raw.size()) {
                return median(ours) / median(raw);
            }
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < ours.size(); i++) {
                ratios.add(ours.get(i) / raw.get(i));
            }
            return median(ratios);
        }
    }

    private static final Pattern RESULT = Pattern.compile("(\\w+)=(\\S+)");
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final int PARTITIONS = 4;

    private final String bootstrap = env("BENCH_BOOTSTRAP", null);
    private final String kip848Bootstrap = env("BENCH_BOOTSTRAP_KIP848", null);
    private final String registry = env("BENCH_REGISTRY", null);
    private final String jar = env("BENCH_JAR", "target/sensor-functions.jar");
    /** The native executable, whose reader the consume section also drains with, beside the jar's; none when unset. */
    private final String executable = env("BENCH_EXECUTABLE", null);
    private final Path out = Path.of(env("BENCH_OUT", "target/bench"));
    private final boolean smoke = Boolean.parseBoolean(env("BENCH_SMOKE", "false"));
    private final int reps = Integer.parseInt(env("BENCH_REPS", smoke ? "1" : "3"));
    private final long produceCount = Long.parseLong(env("BENCH_PRODUCE", smoke ? "16000" : "500000"));
    private final int latencySeconds = Integer.parseInt(env("BENCH_LATENCY_SECONDS", smoke ? "1" : "4"));
    private final List<String> jvm = List.of(env("BENCH_JVM", "-Xmx512m").split(" "));
    private final Set<String> sections = Set.of(env("BENCH_SECTIONS", "produce,consume,alerts,latency,serde,rebalance,rest").split(","));
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private final List<Row> rows = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Admin admin;
    private int ports = 18300;

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench();
        try {
            bench.runAll();
        } finally {
            bench.processes.forEach(Process::destroyForcibly);
        }
    }

    private void runAll() throws Exception {
        if (bootstrap == null || registry == null) {
            throw new IllegalStateException("BENCH_BOOTSTRAP and BENCH_REGISTRY must be set; infra/bench/run.sh sets them");
        }
        Files.createDirectories(out);
        try (Admin client = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin = client;
            String readings = "bench-readings-" + run;
            String perf = "bench-perf-" + run;
            admin.createTopics(List.of(new NewTopic(readings, PARTITIONS, (short) 1), new NewTopic(perf, PARTITIONS, (short) 1)))
                .all().get();
            if (sections.contains("produce") || sections.contains("consume") || sections.contains("settings")
                || sections.contains("alerts")) {
                produce(readings, perf);
            }
            if (sections.contains("consume")) {
                consume(readings);
            }
            if (sections.contains("alerts")) {
                alerts(readings);
            }
            if (sections.contains("settings")) {
                consumerSettings(readings);
            }
            if (sections.contains("latency")) {
                latency("bench-latency-" + run);
            }
            if (sections.contains("serde")) {
                serde();
            }
            if (sections.contains("rebalance")) {
                rebalance();
            }
            if (sections.contains("rest")) {
                rest("bench-rest-" + run);
            }
        }
        report();
    }

    // ---------------------------------------------------------------------------------------------- produce

    private void produce(String topic, String perfTopic) throws Exception {
        List<Double> ours = new ArrayList<>();
        List<Double> oursWarm = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> rawWarm = new ArrayList<>();
        List<Double> perf = new ArrayList<>();
        int recordBytes = 0;
        for (int rep = 0; rep < reps; rep++) {
            for (int turn = 0; turn < 3; turn++) {
                switch ((rep + turn) % 3) {
                    case 0 -> {
                        double[] rates = produceOurs(topic);
                        ours.add(rates[0]);
                        oursWarm.add(rates[1]);
                    }
                    case 1 -> {
                        List<Map<String, String>> results = child("produce", bootstrap, topic, Long.toString(produceCount), registry);
                        recordBytes = Integer.parseInt(results.get(0).get("bytes"));
                        raw.add(produceCount * 1e9 / Long.parseLong(results.get(0).get("ns")));
                        rawWarm.add(produceCount * 1e9 / Long.parseLong(results.get(1).get("ns")));
                    }
                    default -> perf.add(producerPerformance(perfTopic, recordBytes == 0 ? 30 : recordBytes));
                }
            }
            System.err.printf("produce rep %d: ours %s then %s, raw %s then %s, ProducerPerformance %s records/s%n", rep + 1, ours,
                oursWarm, raw, rawWarm, perf);
        }
        rows.add(new Row("produce", "trigger (POST /produce) vs raw KafkaProducer, first burst", "records/s", ours, raw, true));
        rows.add(new Row("produce", "trigger vs raw KafkaProducer, second burst (warm)", "records/s", oursWarm, rawWarm, true));
        rows.add(new Row("produce", "trigger vs Kafka's ProducerPerformance", "records/s", ours, perf, true));
    }

    /**
     * A trigger instance bursts {@code produceCount} readings at delayMs 0, twice; each timed from the request to the
     * last acknowledgement.
     *
     * @return records/s of the first (cold) and the second (warm) burst
     */
    private double[] produceOurs(String topic) throws Exception {
        int port = ports++;
        Process trigger = ours(Map.of("FUNCTIONS", "trigger", "MICRONAUT_SERVER_PORT", Integer.toString(port),
            "TOPICS_READINGS", topic, "TRIGGER_MAX_EVENTS", Long.toString(produceCount / 8)), "trigger-" + port);
        String base = "http://localhost:" + port;
        await(Duration.ofSeconds(60), () -> status(base + "/health") == 200);
        double cold = burst(base);
        double warm = burst(base);
        stop(trigger);
        return new double[] {cold, warm};
    }

    private double burst(String base) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(base + "/produce"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"events\":" + produceCount / 8 + ",\"delayMs\":0}")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("POST /produce answered " + accepted.statusCode() + ": " + accepted.body());
        }
        String id = field(accepted.body(), "id");
        long[] finished = new long[1];
        await(Duration.ofMinutes(3), () -> {
            String progress = get(base + "/produce/" + id);
            finished[0] = System.nanoTime();
            return progress.contains("\"done\":true");
        });
        String progress = get(base + "/produce/" + id);
        long produced = Long.parseLong(field(progress, "produced"));
        if (produced != produceCount) {
            throw new IllegalStateException("the burst produced " + produced + " of " + produceCount + ": " + progress);
        }
        return produced * 1e9 / (finished[0] - started);
    }

    private double producerPerformance(String topic, int recordBytes) throws Exception {
        List<String> props = new ArrayList<>();
        RawClients.producerSettings(bootstrap).forEach((k, v) -> props.add(k + "=" + v));
        List<String> command = new ArrayList<>(javaCommand("org.apache.kafka.tools.ProducerPerformance"));
        command.addAll(List.of("--topic", topic, "--num-records", Long.toString(produceCount), "--record-size",
            Integer.toString(recordBytes), "--throughput", "-1", "--producer-props"));
        command.addAll(props);
        String output = runToEnd(command, "perf");
        Matcher rate = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec").matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("ProducerPerformance printed no summary:\n" + output);
        }
        return Double.parseDouble(rate.group(2));
    }

    // ---------------------------------------------------------------------------------------------- consume

    private void consume(String topic) throws Exception {
        long total = endOffsets(topic);
        List<Double> ours = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> oursSteady = new ArrayList<>();
        List<Double> rawSteady = new ArrayList<>();
        List<Double> natives = new ArrayList<>();
        List<Double> nativesSteady = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            for (int turn = 0; turn < (executable == null ? 2 : 3); turn++) {
                String group = "bench-consume-" + run + "-" + rep + "-" + turn;
                boolean isNative = turn == 2;
                boolean isOurs = !isNative && (rep + turn) % 2 == 0;
                Map<String, String> reader = Map.of("FUNCTIONS", "reader", "MICRONAUT_SERVER_PORT", Integer.toString(ports++),
                    "TOPICS_READINGS", topic, "READER_GROUP_ID", group, "SCHEMA_REGISTRY_URL", registry);
                Process process = isNative ? nativeReader(reader, "native-reader-" + group)
                    : isOurs ? ours(reader, "reader-" + group)
                    : childProcess(List.of("consume", bootstrap, topic, group, Long.toString(total)), "raw-" + group);
                double[] rates = drain(group, topic, total);
                stop(process);
                (isNative ? natives : isOurs ? ours : raw).add(rates[0]);
                (isNative ? nativesSteady : isOurs ? oursSteady : rawSteady).add(rates[1]);
            }
            System.err.printf("consume rep %d of %d records: ours %s, raw %s, native %s records/s%n", rep + 1, total, ours, raw, natives);
        }
        rows.add(new Row("consume", "reader vs raw KafkaConsumer, whole drain of " + total, "records/s", ours, raw, true));
        rows.add(new Row("consume", "reader vs raw KafkaConsumer, second half (warm)", "records/s", oursSteady, rawSteady, true));
        if (executable != null) {
            rows.add(new Row("consume", "native reader vs the jar's reader, whole drain of " + total, "records/s", natives, ours, true));
            rows.add(new Row("consume", "native reader vs the jar's reader, second half", "records/s", nativesSteady, oursSteady, true));
        }
    }

    /**
     * The alerts function draining the same topic with {@code alerts.processing-guarantee=exactly_once_v2} and with
     * {@code at_least_once}, each in a group of its own, alternating which goes first: what exactly once costs.
     */
    private void alerts(String topic) throws Exception {
        long total = endOffsets(topic);
        Map<String, List<Double>> whole = new HashMap<>();
        Map<String, List<Double>> steady = new HashMap<>();
        List<String> guarantees = List.of("exactly_once_v2", "at_least_once");
        for (int rep = 0; rep < reps; rep++) {
            for (int turn = 0; turn < 2; turn++) {
                String guarantee = guarantees.get((rep + turn) % 2);
                String group = "bench-alerts-" + run + "-" + rep + "-" + turn;
                Process process = ours(Map.of("FUNCTIONS", "alerts", "MICRONAUT_SERVER_PORT", Integer.toString(ports++),
                    "TOPICS_READINGS", topic, "TOPICS_ALERTS", "bench-alerts-" + run, "ALERTS_GROUP_ID", group,
                    "ALERTS_PROCESSING_GUARANTEE", guarantee), "alerts-" + guarantee + "-" + group);
                double[] rates = drain(group, topic, total);
                stop(process);
                whole.computeIfAbsent(guarantee, g -> new ArrayList<>()).add(rates[0]);
                steady.computeIfAbsent(guarantee, g -> new ArrayList<>()).add(rates[1]);
            }
            System.err.printf("alerts rep %d of %d records: %s records/s%n", rep + 1, total, whole);
        }
        rows.add(new Row("alerts", "exactly_once_v2 vs at_least_once, whole drain of " + total, "records/s",
            whole.get("exactly_once_v2"), whole.get("at_least_once"), true));
        rows.add(new Row("alerts", "exactly_once_v2 vs at_least_once, second half (warm)", "records/s",
            steady.get("exactly_once_v2"), steady.get("at_least_once"), true));
    }

    /**
     * Consumer settings over {@code application.yml}'s {@code kafka.consumers.default}, one at a time, each the values
     * around Kafka's default that a user would try. Each runs the reader and the raw consumer, given the same settings,
     * through one whole drain each, back to back: the figures docs/performance.md gives each default.
     */
    private static final List<Map<String, String>> CONSUMER_SETTINGS = List.of(
        Map.of(),
        Map.of("max.poll.records", "500"),
        Map.of("max.poll.records", "1000"),
        Map.of("max.poll.records", "5000"),
        Map.of("fetch.min.bytes", "65536"),
        Map.of("max.partition.fetch.bytes", "4194304"),
        Map.of("receive.buffer.bytes", "1048576"));

    private void consumerSettings(String topic) throws Exception {
        long total = endOffsets(topic);
        // A first drain warms the broker (its JIT and the log's pages); the first pair measured ran a third slower
        // without it, whatever its settings.
        String warmUp = "bench-settings-warm-up-" + run;
        Process warming = childProcess(List.of("consume", bootstrap, topic, warmUp, Long.toString(total)), "raw-" + warmUp);
        drain(warmUp, topic, total);
        stop(warming);
        for (Map<String, String> settings : CONSUMER_SETTINGS) {
            String label = settings.isEmpty() ? "as application.yml sets them" : settings.entrySet().iterator().next().toString();
            List<Double> ours = new ArrayList<>();
            List<Double> raw = new ArrayList<>();
            for (boolean isOurs : List.of(true, false)) {
                String group = "bench-settings-" + run + "-" + ports;
                Map<String, String> env = new HashMap<>(Map.of("FUNCTIONS", "reader", "MICRONAUT_SERVER_PORT", Integer.toString(ports++),
                    "TOPICS_READINGS", topic, "READER_GROUP_ID", group));
                List<String> args = new ArrayList<>(List.of("consume", bootstrap, topic, group, Long.toString(total)));
                settings.forEach((key, value) -> {
                    env.put("KAFKA_CONSUMERS_DEFAULT_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value);
                    args.add(key + "=" + value);
                });
                Process process = isOurs ? ours(env, "reader-" + group) : childProcess(args, "raw-" + group);
                double[] rates = drain(group, topic, total);
                stop(process);
                (isOurs ? ours : raw).add(rates[0]);
            }
            System.err.printf("consumer settings %s: ours %s, raw %s records/s%n", label, ours, raw);
            rows.add(new Row("settings", "reader vs raw KafkaConsumer, " + label + ", one drain each", "records/s", ours, raw, true));
        }
    }

    /**
     * Observes the group's committed offsets every 50 ms until they reach {@code total}.
     *
     * @return records/s over the whole drain and over its second half
     */
    private double[] drain(String group, String topic, long total) {
        long[] first = {-1, 0};
        long[] half = {-1, 0};
        long[] last = {0, 0};
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
            .until(() -> {
                long committed = committed(group, topic);
                long now = System.nanoTime();
                if (committed > 0 && first[0] < 0) {
                    first[0] = committed;
                    first[1] = now;
                }
                if (committed >= total / 2 && half[0] < 0) {
                    half[0] = committed;
                    half[1] = now;
                }
                last[0] = committed;
                last[1] = now;
                return committed >= total;
            });
        double whole = (last[0] - first[0]) * 1e9 / Math.max(1, last[1] - first[1]);
        double steady = (last[0] - half[0]) * 1e9 / Math.max(1, last[1] - half[1]);
        return new double[] {whole, steady};
    }

    // ---------------------------------------------------------------------------------------------- latency

    /**
     * Our reader and the raw consumer, each in its own group, read the same stream at fixed rates at the same time,
     * so both see the same broker, load and records. Latency is processing time minus send time, per record, in an
     * HdrHistogram (µs, from the ms clocks both sides share).
     */
    private void latency(String topic) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        Path oursAudit = out.resolve("latency-ours.audit");
        Path rawAudit = out.resolve("latency-raw.audit");
        Files.deleteIfExists(oursAudit);
        Files.deleteIfExists(rawAudit);
        String oursGroup = "bench-latency-ours-" + run;
        String rawGroup = "bench-latency-raw-" + run;
        Process reader = ours(Map.of("FUNCTIONS", "reader", "MICRONAUT_SERVER_PORT", Integer.toString(ports++), "TOPICS_READINGS", topic,
            "READER_GROUP_ID", oursGroup, "READER_AUTO_OFFSET_RESET", "latest", "READER_AUDIT_FILE", oursAudit.toAbsolutePath().toString(),
            "SCHEMA_REGISTRY_URL", registry), "latency-reader");
        Process raw = childProcess(List.of("latency", bootstrap, topic, rawGroup, rawAudit.toAbsolutePath().toString()), "latency-raw");
        await(Duration.ofSeconds(60), () -> owners(oursGroup).values().stream().mapToInt(Set::size).sum() == PARTITIONS
            && owners(rawGroup).values().stream().mapToInt(Set::size).sum() == PARTITIONS);
        List<String> segments = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            segments.add("1000");
            segments.add("10000");
        }
        String output = runToEnd(javaCommand(RawClients.class.getName(), "rate", bootstrap, topic, registry,
            String.join(",", segments), Integer.toString(latencySeconds)), "latency-producer");
        long end = endOffsets(topic);
        await(Duration.ofMinutes(2), () -> committed(oursGroup, topic) >= end && committed(rawGroup, topic) >= end);
        stop(reader);
        stop(raw);
        List<long[]> windows = new ArrayList<>();
        Matcher segment = Pattern.compile("SEGMENT (\\d+) (\\d+) (\\d+)").matcher(output);
        while (segment.find()) {
            windows.add(new long[] {Long.parseLong(segment.group(1)), Long.parseLong(segment.group(2)), Long.parseLong(segment.group(3))});
        }
        for (int rate : new int[] {1000, 10000}) {
            Map<String, List<Double>> oursFigures = new LinkedHashMap<>();
            Map<String, List<Double>> rawFigures = new LinkedHashMap<>();
            for (long[] window : windows) {
                if (window[0] == rate) {
                    percentiles(oursAudit, window, oursFigures);
                    percentiles(rawAudit, window, rawFigures);
                }
            }
            for (String p : oursFigures.keySet()) {
                rows.add(new Row("latency", String.format("send to processed at %,d/s, %s", rate, p), "ms", oursFigures.get(p),
                    rawFigures.get(p), false));
            }
        }
    }

    /** Adds p50, p99 and p99.9 (ms) of the audit lines whose send time falls in {@code window}. */
    private static void percentiles(Path audit, long[] window, Map<String, List<Double>> figures) throws IOException {
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        for (String line : Files.readAllLines(audit)) {
            String[] fields = line.split(" ");
            long sent = Long.parseLong(fields[1]);
            if (sent >= window[1] && sent <= window[2]) {
                histogram.recordValue(Math.max(0, Long.parseLong(fields[4]) - sent) * 1000);
            }
        }
        if (histogram.getTotalCount() == 0) {
            throw new IllegalStateException(audit + " has no record sent in the " + window[0] + "/s segment");
        }
        figures.computeIfAbsent("p50", k -> new ArrayList<>()).add(histogram.getValueAtPercentile(50) / 1000.0);
        figures.computeIfAbsent("p99", k -> new ArrayList<>()).add(histogram.getValueAtPercentile(99) / 1000.0);
        figures.computeIfAbsent("p99.9", k -> new ArrayList<>()).add(histogram.getValueAtPercentile(99.9) / 1000.0);
    }

    // ---------------------------------------------------------------------------------------------- serde

    private void serde() throws Exception {
        OptionsBuilder options = new OptionsBuilder();
        options.include(SerdeBenchmark.class.getName())
            .forks(reps)
            .jvmArgs(concat(jvm, List.of("-Dbench.registry=" + registry)).toArray(String[]::new))
            .warmupIterations(smoke ? 1 : 2).warmupTime(TimeValue.milliseconds(smoke ? 200 : 1000))
            .measurementIterations(smoke ? 1 : 3).measurementTime(TimeValue.milliseconds(smoke ? 200 : 1000));
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, List<Double>> perFork = new HashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            result.getBenchmarkResults().forEach(fork -> perFork.computeIfAbsent(name, k -> new ArrayList<>())
                .add(fork.getPrimaryResult().getScore()));
        }
        rows.add(new Row("serde", "serialize: ours (framed, registry id cached) vs plain Avro", "ns/record",
            perFork.get("oursSerialize"), perFork.get("plainSerialize"), false));
        rows.add(new Row("serde", "deserialize: ours vs plain Avro", "ns/record",
            perFork.get("oursDeserialize"), perFork.get("plainDeserialize"), false));
    }

    // ---------------------------------------------------------------------------------------------- rebalance

    /**
     * Per assignment protocol: reader A alone, then for each repetition reader B joins (time from B's start until it
     * owns partitions), leaves gracefully (SIGTERM: time until A owns all again), joins again, and is killed with
     * SIGKILL (time until A owns all again: bounded by {@code session.timeout.ms}, 10 s).
     */
    private void rebalance() throws Exception {
        String topic = "bench-rebalance-" + run;
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        Admin classicAdmin = admin;
        Admin kip848Admin = kip848Bootstrap == null ? null : Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kip848Bootstrap));
        if (kip848Admin != null) {
            kip848Admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
        try {
            rebalance(topic, classicAdmin, kip848Admin);
        } finally {
            admin = classicAdmin;
            if (kip848Admin != null) {
                kip848Admin.close();
            }
        }
    }

    private void rebalance(String topic, Admin classicAdmin, Admin kip848Admin) throws Exception {
        Map<String, Map<String, String>> protocols = new LinkedHashMap<>();
        protocols.put("eager (range)", Map.of("KAFKA_CONSUMERS_DEFAULT_PARTITION_ASSIGNMENT_STRATEGY",
            "org.apache.kafka.clients.consumer.RangeAssignor"));
        protocols.put("cooperative-sticky", Map.of());
        if (kip848Admin != null) {
            protocols.put("consumer (KIP-848)", Map.of("KAFKA_CONSUMERS_DEFAULT_GROUP_PROTOCOL", "consumer",
                "KAFKA_BOOTSTRAP_SERVERS", kip848Bootstrap));
        }
        for (Map.Entry<String, Map<String, String>> protocol : protocols.entrySet()) {
            admin = protocol.getValue().containsKey("KAFKA_BOOTSTRAP_SERVERS") ? kip848Admin : classicAdmin;
            String group = "bench-rebalance-" + run + "-" + protocols.keySet().stream().toList().indexOf(protocol.getKey());
            List<Double> first = new ArrayList<>();
            List<Double> join = new ArrayList<>();
            List<Double> leave = new ArrayList<>();
            List<Double> kill = new ArrayList<>();
            long started = System.nanoTime();
            Process a = rebalanceReader(topic, group, "a", protocol.getValue());
            try {
                await(Duration.ofSeconds(60), () -> owned(group, "a") == PARTITIONS);
            } catch (ConditionTimeoutException e) {
                stop(a);
                System.err.println("rebalance with " + protocol.getKey() + " did not assign partitions on this broker: " + e.getMessage());
                continue;
            }
            first.add(msSince(started));
            for (int rep = 0; rep < reps; rep++) {
                long joined = System.nanoTime();
                Process b = rebalanceReader(topic, group, "b", protocol.getValue());
                await(Duration.ofSeconds(60), () -> owned(group, "b") > 0 && owned(group, "a") + owned(group, "b") == PARTITIONS);
                join.add(msSince(joined));
                long left = System.nanoTime();
                b.destroy();
                await(Duration.ofSeconds(60), () -> owned(group, "a") == PARTITIONS);
                leave.add(msSince(left));
                b.waitFor(40, TimeUnit.SECONDS);
                b = rebalanceReader(topic, group, "b", protocol.getValue());
                await(Duration.ofSeconds(60), () -> owned(group, "b") > 0 && owned(group, "a") + owned(group, "b") == PARTITIONS);
                long killed = System.nanoTime();
                b.destroyForcibly();
                await(Duration.ofSeconds(120), () -> owned(group, "a") == PARTITIONS);
                kill.add(msSince(killed));
            }
            stop(a);
            rows.add(new Row("rebalance", protocol.getKey() + ": first reader owns all, from its start", "ms", first, List.of(), false));
            rows.add(new Row("rebalance", protocol.getKey() + ": new reader owns partitions, from its start", "ms", join, List.of(), false));
            rows.add(new Row("rebalance", protocol.getKey() + ": partitions moved after a graceful leave", "ms", leave, List.of(), false));
            rows.add(new Row("rebalance", protocol.getKey() + ": partitions moved after kill -9", "ms", kill, List.of(), false));
            System.err.printf("rebalance %s: first %s, join %s, leave %s, kill %s ms%n", protocol.getKey(), first, join, leave, kill);
        }
    }

    private Process rebalanceReader(String topic, String group, String name, Map<String, String> extra) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.putAll(Map.of("FUNCTIONS", "reader", "MICRONAUT_SERVER_PORT", Integer.toString(ports++), "TOPICS_READINGS", topic,
            "READER_GROUP_ID", group, "READER_CLIENT_ID", "bench-" + name, "SCHEMA_REGISTRY_URL", registry));
        env.putAll(extra);
        return ours(env, group + "-" + name + "-" + ports);
    }

    private int owned(String group, String clientId) throws Exception {
        return owners(group).getOrDefault("bench-" + clientId, Set.of()).size();
    }

    // ---------------------------------------------------------------------------------------------- report

    private void report() throws IOException {
        StringBuilder table = new StringBuilder();
        table.append(String.format("%-10s %-62s %-10s %-30s %-30s %s%n", "section", "case", "unit", "ours median (min-max)",
            "raw median (min-max)", "ours/raw"));
        for (Row row : rows) {
            table.append(String.format("%-10s %-62s %-10s %-30s %-30s %s%n", row.section(), row.name(), row.unit(), figures(row.ours()),
                row.raw().isEmpty() ? "-" : figures(row.raw()), Double.isNaN(row.ratio()) ? "-" : String.format("%.2f", row.ratio())));
        }
        String machine = String.format("%s, %d cores, %s, Java %s, %d repetitions%s", System.getProperty("os.name"),
            Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.version"), reps, smoke ? " (smoke)" : "");
        System.out.println();
        System.out.println("machine: " + machine);
        System.out.print(table);
        Files.writeString(out.resolve("results.txt"), "machine: " + machine + "\n" + table);

        List<Map<String, Object>> json = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("section", row.section());
            entry.put("case", row.name());
            entry.put("unit", row.unit());
            entry.put("ours", row.ours());
            entry.put("raw", row.raw());
            entry.put("oursMedian", median(row.ours()));
            entry.put("rawMedian", row.raw().isEmpty() ? null : median(row.raw()));
            entry.put("ratio", Double.isNaN(row.ratio()) ? null : row.ratio());
            json.add(entry);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .writeValue(out.resolve("results.json").toFile(), Map.of("machine", machine, "smoke", smoke, "rows", json));

        // Ratios as "how ours compares", 1 = the raw client; for times (latency, ns) the inverse, so higher is better.
        List<Row> compared = rows.stream().filter(row -> !row.raw().isEmpty()).toList();
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(520).title("ours vs raw Kafka clients (1.0 = raw)")
            .yAxisTitle("speed relative to raw").build();
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("ours/raw", compared.stream().map(row -> shortName(row)).toList(),
            compared.stream().map(row -> row.higherIsBetter() ? row.ratio() : 1 / row.ratio()).toList());
        BitmapEncoder.saveBitmap(chart, out.resolve("ratios").toString(), BitmapEncoder.BitmapFormat.PNG);
        System.out.println("written: " + out.resolve("results.txt") + ", " + out.resolve("results.json") + ", " + out.resolve("ratios.png"));
    }

    private static String shortName(Row row) {
        String name = row.name().replaceAll(" vs .*?(,|$)", "$1").replace("send to processed at ", "");
        return row.section() + ": " + name;
    }

    private static String figures(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return String.format("%s (%s-%s)", format(median(values)), format(sorted.get(0)), format(sorted.get(sorted.size() - 1)));
    }

    private static String format(double value) {
        return value >= 1000 ? String.format("%,.0f", value) : value >= 10 ? String.format("%.1f", value) : String.format("%.2f", value);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .findFirst().map(line -> line.replaceAll(".*:\\s*", "")).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    // ---------------------------------------------------------------------------------------------- rest

    /**
     * The rest-proxy function: binary and Avro (by schema id) produce in 1,000-record batches, and GET records,
     * each against the raw client with the same record sizes, alternating which goes first.
     */
    private void rest(String topic) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        long total = smoke ? 20_000 : 200_000;
        int port = ports++;
        Process proxy = ours(Map.of("FUNCTIONS", "rest-proxy", "MICRONAUT_SERVER_PORT", Integer.toString(port), "SCHEMA_REGISTRY_URL",
            registry), "rest-proxy-" + port);
        String base = "http://localhost:" + port;
        await(Duration.ofSeconds(60), () -> status(base + "/health") == 200);
        RestBench bench = new RestBench();
        byte[] value = new byte[32];
        new java.util.Random(7).nextBytes(value);
        String binary = RestBench.binaryBatch(value);
        String schema = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Reading\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":"
            + "\\\"string\\\"},{\\\"name\\\":\\\"value\\\",\\\"type\\\":\\\"double\\\"}]}";
        String record = "{\"value\":{\"id\":\"sensor0\",\"value\":21.5}}";
        String first = post(base + "/topics/" + topic, "application/vnd.kafka.avro.v2+json", "{\"value_schema\":\"" + schema + "\",\"records\":["
            + record + "]}");
        String avro = "{\"value_schema_id\":" + field(first, "value_schema_id") + ",\"records\":["
            + String.join(",", java.util.Collections.nCopies(RestBench.BATCH, record)) + "]}";
        // The Avro record's bytes: the 5-byte wire header, "sensor0" (1 + 7) and a double (8).
        byte[] avroSized = new byte[21];
        Map<String, List<Double>> figures = new HashMap<>();
        for (int rep = 0; rep < reps; rep++) {
            for (int turn = 0; turn < 2; turn++) {
                boolean oursFirst = (rep + turn) % 2 == 0;
                for (boolean isOurs : List.of(oursFirst, !oursFirst)) {
                    figures.computeIfAbsent((isOurs ? "ours" : "raw") + turn, k -> new ArrayList<>()).add(turn == 0
                        ? (isOurs ? bench.produceOverRest(base, topic, total, "application/vnd.kafka.binary.v2+json", binary)
                            : RestBench.produceRaw(bootstrap, topic, total, value))
                        : (isOurs ? bench.produceOverRest(base, topic, total, "application/vnd.kafka.avro.v2+json", avro)
                            : RestBench.produceRaw(bootstrap, topic, total, avroSized)));
                }
            }
            String group = "bench-rest-" + run + "-" + rep;
            boolean oursFirst = rep % 2 == 0;
            for (boolean isOurs : List.of(oursFirst, !oursFirst)) {
                figures.computeIfAbsent(isOurs ? "oursRead" : "rawRead", k -> new ArrayList<>()).add(isOurs
                    ? bench.readOverRest(base, topic, PARTITIONS, total, group) : RestBench.readRaw(bootstrap, topic, total, group + "-raw"));
            }
            System.err.printf("rest rep %d: %s records/s%n", rep + 1, figures);
        }
        stop(proxy);
        String clients = RestBench.CLIENTS + " clients";
        rows.add(new Row("rest", "POST /topics binary, 1,000-record batches, " + clients + " vs raw KafkaProducer", "records/s",
            figures.get("ours0"), figures.get("raw0"), true));
        rows.add(new Row("rest", "POST /topics avro by schema id, 1,000-record batches vs raw", "records/s",
            figures.get("ours1"), figures.get("raw1"), true));
        rows.add(new Row("rest", "GET records (binary) vs raw KafkaConsumer, " + total + " records", "records/s",
            figures.get("oursRead"), figures.get("rawRead"), true));
    }

    private String post(String url, String contentType, String body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("POST " + url + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    private Process ours(Map<String, String> env, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(jvm);
        command.addAll(List.of("-jar", jar));
        return functions(command, env, name);
    }

    /** The native executable's functions, with the jar's heap flags ({@code BENCH_JVM}, which must then be -X options). */
    private Process nativeReader(Map<String, String> env, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(executable));
        command.addAll(jvm);
        return functions(command, env, name);
    }

    /** Starts {@code command} (ours, jar or native) against the benchmark's broker and registry, logging to a file. */
    private Process functions(List<String> command, Map<String, String> env, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(out.resolve(name + ".log").toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        builder.environment().put("SCHEMA_REGISTRY_URL", registry);
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private Process childProcess(List<String> args, String name) throws IOException {
        List<String> command = new ArrayList<>(javaCommand(RawClients.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    /** Runs a raw client to its end; one map per {@code RESULT} line it printed. */
    private List<Map<String, String>> child(String... args) throws Exception {
        List<String> command = new ArrayList<>(javaCommand(RawClients.class.getName()));
        command.addAll(List.of(args));
        String output = runToEnd(command, "raw-" + args[0]);
        List<Map<String, String>> results = new ArrayList<>();
        Matcher line = Pattern.compile("RESULT (.*)").matcher(output);
        while (line.find()) {
            Map<String, String> result = new HashMap<>();
            Matcher pair = RESULT.matcher(line.group(1));
            while (pair.find()) {
                result.put(pair.group(1), pair.group(2));
            }
            results.add(result);
        }
        if (results.isEmpty()) {
            throw new IllegalStateException("raw client printed no RESULT:\n" + output);
        }
        return results;
    }

    private List<String> javaCommand(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private String runToEnd(List<String> command, String name) throws Exception {
        Path log = out.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " failed (exit " + (process.isAlive() ? "none" : process.exitValue()) + "):\n"
                + Files.readString(log));
        }
        return Files.readString(log);
    }

    private void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private String get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private long endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = IntStream.range(0, PARTITIONS).boxed()
            .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
        return admin.listOffsets(request).all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }

    private long committed(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
            .mapToLong(e -> e.getValue().offset()).sum();
    }

    /** Partitions per member client id, as the group coordinator reports them. */
    private Map<String, Set<TopicPartition>> owners(String group) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        Map<String, Set<TopicPartition>> owners = new HashMap<>();
        for (MemberDescription member : description.members()) {
            owners.merge(member.clientId(), member.assignment().topicPartitions(), (x, y) -> {
                Set<TopicPartition> both = new HashSet<>(x);
                both.addAll(y);
                return both;
            });
        }
        return owners;
    }

    /** Polls {@code condition} every 20 ms; the timings above are read at the first poll that sees it hold. */
    private static void await(Duration timeout, Callable<Boolean> condition) {
        Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).until(condition);
    }

    private static double msSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e6;
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
