package io.sensorfunctions.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.sensorfunctions.security.SecuredBroker;
import io.sensorfunctions.security.SelfSignedServerKeys;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The checks a deployer relies on, run against a shipped artifact that a subclass starts ({@link #launcher()}): the
 * README's Security table row by row, bearer tokens, the probes, and every runtime switch a user sets, each
 * observed from outside (HTTP answers, the log, the broker, a trace collector). One locked instance serves the
 * checks that need the same switches; the others start instances of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ShippedArtifactChecks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPERATOR = "olga:operator-password";
    private static final String VIEWER = "victor:viewer-password";
    /** HS256 wants 256 bits or more. */
    private static final String JWT_SECRET = "artifact-tier-test-only-secret-of-32-bytes-or-more";
    private static final String BURST = "{\"events\": 2, \"delayMs\": 0}";
    /** A step makes one reading per sensor of the fleet in application.yml. */
    private static final int SENSORS = 8;
    private static final int MAX_EVENTS_FROM_FILE = 50;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Deployment locked;
    private Map<String, String> lockedEnvironment;
    private HttpServer collector;
    private final AtomicInteger exportedTraces = new AtomicInteger();

    /** @return how this artifact is started */
    abstract Deployment.Launcher launcher();

    /** @return a name unique to this artifact kind, so that the jar's and the image's topics never meet */
    abstract String kind();

    /**
     * Aborts (or fails) the class when its artifact cannot be had here. It runs first in {@link #startLockedInstance()}
     * because JUnit runs a superclass's {@code @BeforeAll} before a subclass's, so a subclass's own check would come
     * after the start it should prevent.
     */
    void requireArtifact() {
    }

    /**
     * The locked instance, as the image runs by default: security on with an operator and a viewer, bearer tokens
     * with an HS256 secret, JSON logs, traces to a collector on localhost, and a configuration file given with
     * {@code MICRONAUT_CONFIG_FILES} that lowers {@code trigger.max-events}.
     */
    @BeforeAll
    void startLockedInstance() throws Exception {
        requireArtifact();
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exportedTraces.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        String name = kind() + "-locked";
        Path files = launcher().files(name);
        Path extra = files.resolve("extra.yml");
        Files.writeString(extra, "trigger:\n  max-events: " + MAX_EVENTS_FROM_FILE + "\n");
        extra.toFile().setReadable(true, false);

        lockedEnvironment = Instances.environment(name);
        lockedEnvironment.putAll(Map.of(
            "FUNCTIONS", "trigger,reader,registry,rest-proxy",
            "MICRONAUT_SECURITY_ENABLED", "true",
            "SECURITY_USERS_OLGA_PASSWORD", "operator-password", "SECURITY_USERS_OLGA_ROLES", "operator",
            "SECURITY_USERS_VICTOR_PASSWORD", "viewer-password", "SECURITY_USERS_VICTOR_ROLES", "viewer",
            "MICRONAUT_SECURITY_TOKEN_JWT_ENABLED", "true",
            "MICRONAUT_SECURITY_TOKEN_JWT_SIGNATURES_SECRET_GENERATOR_SECRET", JWT_SECRET,
            "KAFKA_BASIC_AUTH_CREDENTIALS_SOURCE", "USER_INFO",
            "KAFKA_BASIC_AUTH_USER_INFO", OPERATOR));
        lockedEnvironment.putAll(Map.of(
            "LOG_FORMAT", "json",
            "MICRONAUT_CONFIG_FILES", extra.toString(),
            "OTEL_TRACES_EXPORTER", "otlp",
            "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
            "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
            "OTEL_BSP_SCHEDULE_DELAY", "200",
            "OTEL_METRICS_EXPORTER", "none",
            "OTEL_LOGS_EXPORTER", "none",
            "REST_PROXY_MAX_CONSUMER_INSTANCES", "3"));
        locked = launcher().start(name, lockedEnvironment);
    }

    @AfterAll
    void stopLockedInstance() throws Exception {
        if (locked != null) {
            locked.close();
        }
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Test
    void theDoorsAnswerAsTheReadmeSecurityTableSays() throws Exception {
        String schema = "{\"schema\": \"{\\\"type\\\": \\\"record\\\", \\\"name\\\": \\\"Door\\\", \\\"fields\\\": []}\"}";
        for (String[] row : new String[][]{
            // method, path, body, anonymous, viewer, operator
            {"POST", "/produce", BURST, "401", "403", "202"},
            {"POST", "/subjects/doors-value/versions", schema, "401", "403", "200"},
            {"GET", "/threaddump", null, "401", "403", "200"},
            {"GET", "/beans", null, "401", "403", "200"},
            {"GET", "/routes", null, "401", "403", "200"},
            {"GET", "/readings", null, "200", "200", "200"},
            {"GET", "/subjects", null, "200", "200", "200"},
        }) {
            String door = row[0] + " " + row[1];
            assertThat(call(locked, row[0], row[1], row[2], null).statusCode()).as(door + " anonymous").isEqualTo(Integer.parseInt(row[3]));
            assertThat(call(locked, row[0], row[1], row[2], basic(VIEWER)).statusCode()).as(door + " viewer").isEqualTo(Integer.parseInt(row[4]));
            assertThat(call(locked, row[0], row[1], row[2], basic(OPERATOR)).statusCode()).as(door + " operator").isEqualTo(Integer.parseInt(row[5]));
        }
        assertThat(call(locked, "POST", "/produce", BURST, basic("olga:wrong-password")).statusCode()).as("a wrong password").isEqualTo(401);
    }

    @Test
    void theRestProxyAnswersEveryFormatAndItsErrorCodesBehindItsDoors() throws Exception {
        RestProxyChecks.check(locked.url("").toString(), basic(OPERATOR), basic(VIEWER), kind() + "-rest-" + System.nanoTime());
    }

    @Test
    void healthShowsDetailsOnlyToCallersWhoSignedInAndTheProbesAnswer() throws Exception {
        JsonNode anonymous = JSON.readTree(call(locked, "GET", "/health", null, null).body());
        assertThat(anonymous.path("status").asText()).isEqualTo("UP");
        assertThat(anonymous.has("details")).as("details for an anonymous caller").isFalse();
        JsonNode viewer = JSON.readTree(call(locked, "GET", "/health", null, basic(VIEWER)).body());
        assertThat(viewer.path("details").has("kafka")).as("details for a viewer").isTrue();

        assertThat(call(locked, "GET", "/health/liveness", null, null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(call(locked, "GET", "/health/readiness", null, null).statusCode()).isEqualTo(200));
    }

    @Test
    void bearerTokensCarryTheirRolesAndABadSignatureIsRefused() throws Exception {
        assertThat(call(locked, "POST", "/produce", BURST, bearer(JWT_SECRET, "operator")).statusCode()).as("operator token").isEqualTo(202);
        assertThat(call(locked, "POST", "/produce", BURST, bearer(JWT_SECRET, "viewer")).statusCode()).as("viewer token").isEqualTo(403);
        String otherSecret = "another-secret-that-is-also-32-bytes-long-or-more";
        assertThat(call(locked, "POST", "/produce", BURST, bearer(otherSecret, "operator")).statusCode()).as("token signed elsewhere").isEqualTo(401);
    }

    @Test
    void anOperatorsBurstIsProducedConsumedCommittedAndTraced() throws Exception {
        long before = TestKafka.endOffsets(lockedEnvironment.get("TOPICS_READINGS"));
        HttpResponse<String> accepted = call(locked, "POST", "/produce", BURST, basic(OPERATOR));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String run = accepted.headers().firstValue("location").orElseThrow();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(JSON.readTree(call(locked, "GET", run, null, null).body()).path("done").asBoolean()).isTrue());
        String topic = lockedEnvironment.get("TOPICS_READINGS");
        assertThat(TestKafka.endOffsets(topic) - before).as("records the burst wrote").isGreaterThanOrEqualTo(2L * SENSORS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            long end = TestKafka.endOffsets(topic);
            assertThat(consumed(locked)).as("readings processed").isEqualTo(end);
            assertThat(TestKafka.committed(lockedEnvironment.get("READER_GROUP_ID"))).as("committed offsets").isEqualTo(end);
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(exportedTraces.get()).as("OTLP exports to the collector (OTEL_TRACES_EXPORTER=otlp)").isPositive());
    }

    @Test
    void aConfigurationFileFromMicronautConfigFilesIsRead() throws Exception {
        HttpResponse<String> refused = call(locked, "POST", "/produce", "{\"events\": " + (MAX_EVENTS_FROM_FILE + 1) + ", \"delayMs\": 0}", basic(OPERATOR));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("must be at most " + MAX_EVENTS_FROM_FILE);
    }

    @Test
    void logFormatJsonWritesOneJsonObjectPerLine() throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(locked.log()).contains("Started functions"));
        List<String> lines = locked.log().lines()
            .filter(line -> !line.startsWith("Picked up JAVA_TOOL_OPTIONS"))
            .dropWhile(line -> !line.startsWith("{"))
            .toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            assertThat(JSON.readTree(line).has("formattedMessage")).as(line).isTrue();
        }
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Security is on"));
    }

    /**
     * Closed reads and HTTPS, on a registry alone: {@code SECURITY_READ_ACCESS=viewer,operator} closes the registry's
     * reads to anonymous callers, {@code MICRONAUT_SERVER_SSL_*} serves them over TLS with a PKCS12 store,
     * {@code FUNCTIONS=registry} leaves the reader's endpoints out, and SIGTERM stops it without an error.
     */
    @Test
    void closedReadsOverHttpsOnARegistryAlone() throws Exception {
        String name = kind() + "-https";
        Path keyStore = SelfSignedServerKeys.write(launcher().files(name).resolve("server.p12"));
        Map<String, String> environment = Instances.environment(name);
        environment.putAll(Map.of(
            "FUNCTIONS", "registry",
            "MICRONAUT_SECURITY_ENABLED", "true",
            "SECURITY_READ_ACCESS", "viewer,operator",
            "SECURITY_USERS_VICTOR_PASSWORD", "viewer-password", "SECURITY_USERS_VICTOR_ROLES", "viewer",
            "MICRONAUT_SERVER_SSL_ENABLED", "true",
            "MICRONAUT_SERVER_SSL_PORT", environment.get("MICRONAUT_SERVER_PORT"),
            "MICRONAUT_SERVER_SSL_KEY_STORE_PATH", "file:" + keyStore,
            "MICRONAUT_SERVER_SSL_KEY_STORE_TYPE", "PKCS12",
            "MICRONAUT_SERVER_SSL_KEY_STORE_PASSWORD", SelfSignedServerKeys.PASSWORD));
        try (Deployment registry = launcher().start(name, environment)) {
            HttpClient tls = HttpClient.newBuilder().sslContext(SelfSignedServerKeys.trusting(keyStore)).connectTimeout(Duration.ofSeconds(5)).build();
            assertThat(registry.url("/").getScheme()).isEqualTo("https");
            assertThat(call(tls, registry, "GET", "/subjects", null, null).statusCode()).as("closed read, anonymous").isEqualTo(401);
            assertThat(call(tls, registry, "GET", "/subjects", null, basic(VIEWER)).statusCode()).as("closed read, viewer").isEqualTo(200);
            assertThat(call(tls, registry, "GET", "/readings", null, basic(VIEWER)).statusCode()).as("no reader in this instance").isEqualTo(404);
            // SIGTERM closes an instance of one function without touching the others' beans: the trigger's shutdown
            // listener once failed in every instance without the trigger, for want of the trigger's settings.
            assertThat(registry.stop()).as("the log of a SIGTERM'd registry")
                .doesNotContain(" ERROR ").doesNotContain("Exception in thread").doesNotContain("Shutdown did not complete");
        }
    }

    /**
     * The reader's own switches: {@code READER_AUTO_OFFSET_RESET=latest} leaves what was in the topic before the group
     * existed (here bytes that are not Avro, which would otherwise be dead-lettered), {@code KAFKA_CONSUMERS_DEFAULT_*}
     * and {@code KAFKA_PRODUCERS_SENSOR_EMITTER_*} reach the clients (seen in the client configuration Kafka logs at
     * INFO), and a logback file given as a runtime option ({@code -Dlogback.configurationFile}, where the artifact takes
     * it) replaces the shipped logging configuration.
     */
    @Test
    void theReadersSwitchesReachItsConsumer() throws Exception {
        String name = kind() + "-latest";
        Path files = launcher().files(name);
        Path logback = files.resolve("logback.xml");
        Files.writeString(logback, """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>deployer-pattern %msg%n</pattern></encoder>
              </appender>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """);
        logback.toFile().setReadable(true, false);
        Map<String, String> environment = Instances.environment(name);
        String topic = environment.get("TOPICS_READINGS");
        String group = environment.get("READER_GROUP_ID");
        try (AdminClient admin = TestKafka.admin(); KafkaProducer<byte[], byte[]> producer = TestKafka.rawProducer()) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, ("not avro " + i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        environment.putAll(Map.of(
            "FUNCTIONS", "trigger,reader,registry",
            "MICRONAUT_SECURITY_ENABLED", "false",
            "READER_AUTO_OFFSET_RESET", "latest",
            "KAFKA_CONSUMERS_DEFAULT_MAX_POLL_RECORDS", "123",
            "KAFKA_PRODUCERS_SENSOR_EMITTER_LINGER_MS", "7"));
        List<String> options = List.of("-Dlogback.configurationFile=" + logback);
        try (Deployment reader = launcher().start(name, environment, options); AdminClient admin = TestKafka.admin()) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(admin.describeConsumerGroups(List.of(group)).all().get().get(group).members())
                    .singleElement().satisfies(member -> assertThat(member.assignment().topicPartitions()).isNotEmpty());
            });
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(consumed(reader)).as("records from before the group existed").isZero());

            assertThat(call(reader, "POST", "/produce", "{\"events\": 1, \"delayMs\": 0}", null).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(consumed(reader)).as("the burst's readings, and nothing older").isEqualTo(SENSORS);
                assertThat(committed(group, topic)).isEqualTo(TestKafka.endOffsets(topic));
            });
            assertThat(TestKafka.endOffsets(topic + ".DLT")).as("dead-lettered").isZero();
            assertThat(reader.log()).contains("deployer-pattern Started functions")
                .contains("max.poll.records = 123").contains("linger.ms = 7");
        }
    }

    /**
     * Every compression codec Kafka has, read and written: a batch of each (gzip, snappy, lz4, zstd), written before
     * the reader starts, is decompressed and dead-lettered as undecodable (its bytes are not Avro) and committed past,
     * and a burst that the trigger's producer compresses with snappy, whose codec loads a JNI library, is read. In a
     * native executable the JNI codecs must work or fail naming the codec; here they must work.
     */
    @Test
    void everyCompressionCodecIsReadAndSnappyIsWritten() throws Exception {
        String name = kind() + "-codecs";
        Map<String, String> environment = Instances.environment(name);
        String topic = environment.get("TOPICS_READINGS");
        List<String> codecs = List.of("gzip", "snappy", "lz4", "zstd");
        try (AdminClient admin = TestKafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
        }
        for (String codec : codecs) {
            try (KafkaProducer<byte[], byte[]> producer = TestKafka.rawProducer(codec)) {
                producer.send(new ProducerRecord<>(topic, ("not avro, " + codec).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        environment.putAll(Map.of(
            "FUNCTIONS", "trigger,reader,registry",
            "MICRONAUT_SECURITY_ENABLED", "false",
            "KAFKA_PRODUCERS_SENSOR_EMITTER_COMPRESSION_TYPE", "snappy",
            // The producer's configuration, logged at INFO, shows the codec in use.
            "LOGGER_LEVELS_ORG_APACHE_KAFKA_CLIENTS_PRODUCER", "INFO"));
        try (Deployment reader = launcher().start(name, environment)) {
            String group = environment.get("READER_GROUP_ID");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(TestKafka.endOffsets(topic + ".DLT")).as("batches of every codec decompressed and dead-lettered").isEqualTo(codecs.size());
                assertThat(committed(group, topic)).isEqualTo(codecs.size());
            });
            assertThat(call(reader, "POST", "/produce", "{\"events\": 1, \"delayMs\": 0}", null).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(consumed(reader)).as("the snappy-compressed burst's readings").isEqualTo(SENSORS));
            assertThat(reader.log()).contains("compression.type = snappy");
        }
    }

    /**
     * {@code KAFKA_*} to a locked cluster, as the README connects to Aiven: SASL_SSL with SCRAM-SHA-256 and the
     * service's CA as a PEM file, each key Kafka's own. An emitter's readings reach the broker through the SCRAM login
     * module that Kafka loads by name from the JAAS line, and a reader consumes and commits them.
     */
    @Test
    void saslSslWithAPemCaFileReachesALockedCluster() throws Exception {
        String name = kind() + "-sasl";
        Path files = launcher().files(name);
        try (SecuredBroker broker = SecuredBroker.start(files)) {
            Path ca = Files.writeString(files.resolve("ca.pem"), broker.caPem());
            ca.toFile().setReadable(true, false);
            String password = "artifact-tier-scram-password";
            broker.scramUser(name, ScramMechanism.SCRAM_SHA_256, password);
            Map<String, String> environment = Instances.environment(name);
            broker.allow(name, ResourceType.TOPIC, name, PatternType.PREFIXED, AclOperation.ALL);
            broker.allow(name, ResourceType.TOPIC, environment.get("TOPICS_SCHEMAS"), PatternType.LITERAL, AclOperation.ALL);
            broker.allow(name, ResourceType.GROUP, name, PatternType.PREFIXED, AclOperation.ALL);
            broker.allow(name, ResourceType.TRANSACTIONAL_ID, name, PatternType.PREFIXED, AclOperation.ALL);
            environment.putAll(Map.of(
                "FUNCTIONS", "emitter,reader,registry",
                "MICRONAUT_SECURITY_ENABLED", "false",
                "SENSORS_INTERVAL", "100ms",
                "SENSORS_INITIAL_DELAY", "0s",
                "KAFKA_BOOTSTRAP_SERVERS", broker.saslSsl(),
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-256",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name
                    + "\" password=\"" + password + "\";",
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", ca.toString()));
            try (Deployment instance = launcher().start(name, environment)) {
                String group = environment.get("READER_GROUP_ID");
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(TestKafka.committed(group, broker.plaintext())).as("readings consumed and committed over SASL_SSL")
                        .isGreaterThanOrEqualTo(SENSORS));
                assertThat(call(instance, "GET", "/health", null, null).body()).contains("\"status\":\"UP\"");
            }
        }
    }

    /** @return the group's committed offsets on {@code topic}'s partitions, summed */
    private static long committed(String group, String topic) throws Exception {
        try (AdminClient admin = TestKafka.admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    private long consumed(Deployment instance) throws Exception {
        HttpResponse<String> readings = call(instance, "GET", "/readings", null, null);
        assertThat(readings.statusCode()).isEqualTo(200);
        long count = 0;
        for (JsonNode sensor : JSON.readTree(readings.body())) {
            count += sensor.path("count").asLong();
        }
        return count;
    }

    private HttpResponse<String> call(Deployment instance, String method, String path, String body, String authorization) throws Exception {
        return call(http, instance, method, path, body, authorization);
    }

    private static HttpResponse<String> call(HttpClient client, Deployment instance, String method, String path, String body,
                                             String authorization) throws IOException, InterruptedException {
        URI url = path.startsWith("http") ? URI.create(path) : instance.url(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(15))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    private static String bearer(String secret, String role) throws Exception {
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
            .subject("token-" + role).claim("roles", List.of(role)).expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        token.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return "Bearer " + token.serialize();
    }
}
