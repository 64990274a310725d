package io.sensorfunctions.security;

import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.StartupFailure;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.IDEMPOTENT_WRITE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.ResourceType.CLUSTER;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each function under least-privilege ACLs on a broker with {@code allow.everyone.if.no.acl.found=false}, as its own
 * instance with its own SCRAM user and exactly the rights the README lists; the topics are created beforehand by an
 * administrator, as on a managed cluster. Then a function lacking one right: it says so in the log and in /health,
 * naming the refusal, consumes and commits nothing, and recovers without a restart once the right is granted.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaAclsTest {

    private static final String READINGS = "acl-readings";
    private static final String ALERTS = "acl-alerts";
    private static final String DEAD_LETTERS = READINGS + ".DLT";
    private static final String SCHEMAS = "_schemas-acl";
    private static final String TRANSACTION = "acl-registry";

    @TempDir
    static Path directory;
    private SecuredBroker broker;
    private FunctionsInstance registry;
    private FunctionsInstance emitter;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        broker = SecuredBroker.start(directory);
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(READINGS, 4, (short) 1), new NewTopic(ALERTS, 4, (short) 1),
                new NewTopic(DEAD_LETTERS, 4, (short) 1),
                new NewTopic(SCHEMAS, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                changelog("acl-alerts"), changelog("acl-alerts-no-write"), changelog("acl-alerts-no-transactions"))).all().get();
        }
        user("registry");
        allow("registry", TOPIC, SCHEMAS, READ, WRITE, DESCRIBE, DESCRIBE_CONFIGS);
        allow("registry", TRANSACTIONAL_ID, TRANSACTION, WRITE, DESCRIBE);
        registry = FunctionsInstance.start(function("registry", "registry", "acl-registry-group"));

        user("emitter");
        allow("emitter", TOPIC, READINGS, WRITE, DESCRIBE);
        allow("emitter", CLUSTER, "kafka-cluster", IDEMPOTENT_WRITE);
        emitter = FunctionsInstance.start(function("emitter,trigger", "emitter", "acl-emitter-group"));
    }

    @AfterAll
    void stop() throws Exception {
        emitter.close();
        registry.close();
        broker.close();
    }

    @Test
    void everyFunctionWorksWithExactlyItsRights() throws Exception {
        user("reader");
        allowConsumer("reader", "acl-readers");
        user("alerts");
        allowAlerts("alerts", "acl-alerts");
        allow("alerts", TOPIC, ALERTS, WRITE, DESCRIBE);
        user("dashboard");
        allow("dashboard", TOPIC, READINGS, READ, DESCRIBE);
        allow("dashboard", TOPIC, ALERTS, READ, DESCRIBE);
        broker.allow("dashboard", GROUP, "sensor-dashboard", PatternType.PREFIXED, READ);
        allow("dashboard", GROUP, "acl-readers", DESCRIBE);

        try (FunctionsInstance reader = FunctionsInstance.start(function("reader", "reader", "acl-readers"));
             FunctionsInstance alerts = FunctionsInstance.start(function("alerts", "alerts", "acl-alerts"));
             FunctionsInstance dashboard = FunctionsInstance.start(function("dashboard", "dashboard", "acl-readers"))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(TestKafka.committed("acl-readers", broker.plaintext())).isGreaterThanOrEqualTo(16);
                assertThat(TestKafka.committed("acl-alerts", broker.plaintext())).isGreaterThanOrEqualTo(16);
                assertThat(TestKafka.endOffsets(ALERTS, broker.plaintext())).isPositive();
            });
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(dashboard, "/dashboard/snapshot"))
                .as("the dashboard reads readings and alerts, and describes the readers' group")
                .contains("\"sensor0\":[{").contains("\"kind\":\"JUMP\"").contains("\"groupId\":\"acl-readers\"")
                .contains("\"clientId\":\"sensor-reader-"));
            for (FunctionsInstance server : List.of(registry, emitter, reader, alerts, dashboard)) {
                assertThat(health(server).statusCode()).as(health(server).body()).isEqualTo(200);
            }
            HttpResponse<String> produce = http.send(HttpRequest.newBuilder(URI.create(emitter.url() + "/produce"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"events\":2,\"delayMs\":0}")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(produce.statusCode()).as("the trigger produces with the emitter's rights").isEqualTo(202);
            String run = produce.headers().firstValue("Location").orElseThrow();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(emitter, run))
                .contains("\"produced\":16").contains("\"failed\":0"));
        }
    }

    @Test
    void aReaderWithoutReadOnItsGroupIsRefusedVisiblyAndRecoversOnceGranted() throws Exception {
        user("reader-no-group");
        allow("reader-no-group", TOPIC, READINGS, READ, DESCRIBE);
        allow("reader-no-group", TOPIC, DEAD_LETTERS, WRITE, DESCRIBE);
        try (FunctionsInstance reader = FunctionsInstance.start(function("reader", "reader-no-group", "acl-no-group"))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(health(reader).body())
                .containsPattern("\"listeners\":\\{\"name\":\"[^\"]*\",\"status\":\"DOWN\"")
                .contains("GroupAuthorizationException: Not authorized to access group: acl-no-group"));
            assertThat(TestKafka.committed("acl-no-group", broker.plaintext())).isZero();

            allow("reader-no-group", GROUP, "acl-no-group", READ);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(TestKafka.committed("acl-no-group", broker.plaintext())).isPositive();
                assertThat(health(reader).statusCode()).isEqualTo(200);
            });
        }
    }

    @Test
    void aReaderWithoutReadOnTheTopicIsRefusedVisibly() throws Exception {
        user("reader-no-topic");
        allow("reader-no-topic", GROUP, "acl-no-topic", READ);
        try (FunctionsInstance reader = FunctionsInstance.start(function("reader", "reader-no-topic", "acl-no-topic"))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(health(reader).body())
                .containsPattern("\"listeners\":\\{\"name\":\"[^\"]*\",\"status\":\"DOWN\"")
                .contains("TopicAuthorizationException"));
            assertThat(TestKafka.committed("acl-no-topic", broker.plaintext())).isZero();
        }
    }

    @Test
    void anEmitterWithoutWriteIsDownNamingTheRefusal() throws Exception {
        user("emitter-no-write");
        try (FunctionsInstance refused = FunctionsInstance.start(function("emitter", "emitter-no-write", "acl-unused"))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(health(refused).body())
                .containsPattern("\"emitter\":\\{\"name\":\"[^\"]*\",\"status\":\"DOWN\"")
                .contains("AuthorizationException"));
        }
    }

    @Test
    void alertsWithoutWriteOnTheAlertsTopicHoldTheirRecords() throws Exception {
        user("alerts-no-write");
        allowAlerts("alerts-no-write", "acl-alerts-no-write");
        long deadLetters = TestKafka.endOffsets(DEAD_LETTERS, broker.plaintext());
        try (FunctionsInstance alerts = FunctionsInstance.start(function("alerts", "alerts-no-write", "acl-alerts-no-write"))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(health(alerts).body())
                .containsPattern("\"listeners\":\\{\"name\":\"[^\"]*\",\"status\":\"DOWN\"")
                .contains("TopicAuthorizationException"));
            assertThat(TestKafka.endOffsets(DEAD_LETTERS, broker.plaintext())).as("nothing dead-lettered").isEqualTo(deadLetters);
        }
    }

    @Test
    void alertsWithoutTheirTransactionalIdRefuseToStartNamingTheAcl() throws Exception {
        user("alerts-no-transactions");
        allowConsumer("alerts-no-transactions", "acl-alerts-no-transactions");
        allow("alerts-no-transactions", TOPIC, ALERTS, WRITE, DESCRIBE);
        assertThat(StartupFailure.messages(function("alerts", "alerts-no-transactions", "acl-alerts-no-transactions")))
            .contains("The broker refuses the alerts function's transactions (TransactionalIdAuthorizationException")
            .contains("Grant Write and Describe on the transactional ids with prefix acl-alerts-no-transactions- (docs/security.md)");
    }

    /** One function as its own instance, over SASL_SSL as {@code user}. */
    private Map<String, Object> function(String functions, String user, String group) throws Exception {
        Map<String, Object> props = TestKafka.isolated("acl");
        props.put("functions", functions);
        props.put("topics.readings", READINGS);
        props.put("topics.alerts", ALERTS);
        props.put("topics.schemas", SCHEMAS);
        props.put("registry.transactional-id", TRANSACTION);
        props.put("reader.group-id", group);
        props.put("alerts.group-id", group);
        props.put("alerts.jump", "1");
        props.put("sensors.interval", "100ms");
        props.put("sensors.initial-delay", "0s");
        if (registry != null) {
            props.put("schema.registry.url", registry.url().toString());
        }
        props.put("kafka.bootstrap.servers", broker.saslSsl());
        props.put("kafka.security.protocol", "SASL_SSL");
        props.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
        props.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user + "\" password=\"" + password(user) + "\";");
        props.put("kafka.ssl.truststore.type", "PEM");
        props.put("kafka.ssl.truststore.certificates", broker.authority.caPem());
        return props;
    }

    private void user(String name) throws Exception {
        broker.scramUser(name, ScramMechanism.SCRAM_SHA_512, password(name));
    }

    private static String password(String user) {
        return "test-only-password-of-" + user;
    }

    /** What the reader and alerts both need: READ on the readings and their group, WRITE on the dead letters. */
    private void allowConsumer(String user, String group) throws Exception {
        allow(user, TOPIC, READINGS, READ, DESCRIBE);
        allow(user, GROUP, group, READ);
        allow(user, TOPIC, DEAD_LETTERS, WRITE, DESCRIBE);
    }

    /**
     * What the alerts function needs besides a consumer's rights (exactly once, docs/security.md): its detector's
     * changelog, and Write and Describe on its transactional ids, a prefixed ACL.
     */
    private void allowAlerts(String user, String group) throws Exception {
        allowConsumer(user, group);
        allow(user, TOPIC, group + "-detector-changelog", READ, WRITE, DESCRIBE);
        broker.allow(user, TRANSACTIONAL_ID, group + "-", PatternType.PREFIXED, WRITE, DESCRIBE);
    }

    private static NewTopic changelog(String group) {
        return new NewTopic(group + "-detector-changelog", 4, (short) 1).configs(Map.of("cleanup.policy", "compact"));
    }

    private void allow(String user, ResourceType type, String name, AclOperation... operations) throws Exception {
        broker.allow(user, type, name, LITERAL, operations);
    }

    private HttpResponse<String> health(FunctionsInstance server) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(FunctionsInstance server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
