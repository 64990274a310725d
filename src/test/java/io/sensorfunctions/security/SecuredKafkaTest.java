package io.sensorfunctions.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connection matrix against a real secured broker ({@link SecuredBroker}): the emitter, reader, alerts and
 * registry functions, configured only through {@code kafka.*} keys (env {@code KAFKA_*}), produce, register, consume,
 * commit and alert over SASL_SSL (SCRAM-SHA-256 and -512) and over mTLS, with PEM (KIP-651, inline and by location),
 * PKCS12 and JKS stores, and with Aiven's {@code ca.pem} / {@code service.cert} / {@code service.key} as they are.
 * Our endpoints' security is on in every run, so each run also checks that no secret (SCRAM password, store password,
 * private key, basic-auth password, JWT secret) reaches the log.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredKafkaTest {

    private static final String OPERATOR_PASSWORD = "test-only-operator-password-in-secured-run";

    @TempDir
    static Path directory;
    private SecuredBroker broker;
    private Path caPem;

    enum Mode {
        SASL_SSL_SCRAM_SHA_512_PEM_CA_FILE, SASL_SSL_SCRAM_SHA_256_PEM_CA_INLINE, SASL_SSL_SCRAM_SHA_512_PKCS12_TRUSTSTORE,
        SASL_SSL_SCRAM_SHA_256_JKS_TRUSTSTORE, MTLS_AIVEN_PEM_TRIO, MTLS_PEM_KEYSTORE_FILE, MTLS_PKCS12, MTLS_JKS;

        boolean sasl() {
            return name().startsWith("SASL");
        }

        String principal() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    @BeforeAll
    void start() throws Exception {
        broker = SecuredBroker.start(directory);
        caPem = broker.authority.writeCaPem(directory.resolve("ca.pem"));
    }

    @AfterAll
    void stop() throws Exception {
        broker.close();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyFunctionWorksOverTheSecuredConnectionAndNoSecretIsLogged(Mode mode) throws Exception {
        String name = mode.principal();
        List<String> secrets = new ArrayList<>(List.of(OPERATOR_PASSWORD, EndpointSecurityTest.JWT_SECRET, TestCertificates.STORE_PASSWORD));
        Map<String, Object> props = TestKafka.isolated(name);
        props.putAll(clientSettings(mode, name, secrets));
        props.put("kafka.bootstrap.servers", mode.sasl() ? broker.saslSsl() : broker.mtls());
        props.put("functions", "emitter,reader,alerts,registry");
        props.put("sensors.interval", "100ms");
        props.put("sensors.initial-delay", "0s");
        props.put("alerts.jump", "1");
        props.putAll(EndpointSecurityTest.securedProperties());
        props.put("security.users.olga.password", OPERATOR_PASSWORD);
        props.put("kafka.basic.auth.credentials.source", "USER_INFO");
        props.put("kafka.basic.auth.user.info", "olga:" + OPERATOR_PASSWORD);
        grantWhatTheFunctionsNeed(name, props);

        List<ILoggingEvent> log = captureLog();
        try (FunctionsInstance server = FunctionsInstance.start(props)) {
            String readers = props.get("reader.group-id").toString();
            String alerts = props.get("topics.alerts").toString();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(TestKafka.committed(readers, broker.plaintext())).as("readings consumed and committed").isGreaterThanOrEqualTo(8);
                assertThat(TestKafka.endOffsets(alerts, broker.plaintext())).as("alerts produced").isPositive();
            });
            assertThat(get(server, "/subjects")).as("the registry stored the schema").contains(props.get("topics.readings") + "-value");
            assertThat(get(server, "/health")).contains("\"status\":\"UP\"");
        } finally {
            stopCapturing();
        }
        String text = render(log);
        assertThat(text).as("the run logged").contains("Security is on").contains("subscribed");
        for (String secret : secrets) {
            assertThat(text).as("the log contains a secret").doesNotContain(secret);
        }
    }

    /** {@code kafka.*} keys as a user sets them with {@code KAFKA_*} variables; adds to {@code secrets} what they hold. */
    private Map<String, Object> clientSettings(Mode mode, String principal, List<String> secrets) throws Exception {
        Map<String, Object> kafka = new HashMap<>();
        if (mode.sasl()) {
            String mechanism = mode.name().contains("512") ? "SCRAM-SHA-512" : "SCRAM-SHA-256";
            String password = "test-only-scram-password-" + principal;
            broker.scramUser(principal, mechanism.equals("SCRAM-SHA-512") ? ScramMechanism.SCRAM_SHA_512 : ScramMechanism.SCRAM_SHA_256, password);
            secrets.add(password);
            kafka.put("kafka.security.protocol", "SASL_SSL");
            kafka.put("kafka.sasl.mechanism", mechanism);
            kafka.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + principal + "\" password=\"" + password + "\";");
            switch (mode) {
                case SASL_SSL_SCRAM_SHA_512_PEM_CA_FILE -> pemTrustFile(kafka);
                case SASL_SSL_SCRAM_SHA_256_PEM_CA_INLINE -> {
                    kafka.put("kafka.ssl.truststore.type", "PEM");
                    kafka.put("kafka.ssl.truststore.certificates", broker.authority.caPem());
                }
                case SASL_SSL_SCRAM_SHA_512_PKCS12_TRUSTSTORE -> trustStore(kafka, "PKCS12");
                default -> trustStore(kafka, "JKS");
            }
            return kafka;
        }
        TestCertificates.Issued client = broker.authority.issue(principal, false);
        secrets.add(client.keyPem().lines().skip(2).findFirst().orElseThrow());
        kafka.put("kafka.security.protocol", "SSL");
        switch (mode) {
            case MTLS_AIVEN_PEM_TRIO -> {
                // Aiven's console hands out these three files; they are used as they are, with no keytool step.
                Path cert = Files.writeString(directory.resolve(principal + "-service.cert"), client.certificatePem());
                Path key = Files.writeString(directory.resolve(principal + "-service.key"), client.keyPem());
                pemTrustFile(kafka);
                kafka.put("kafka.ssl.keystore.type", "PEM");
                kafka.put("kafka.ssl.keystore.certificate.chain", Files.readString(cert));
                kafka.put("kafka.ssl.keystore.key", Files.readString(key));
            }
            case MTLS_PEM_KEYSTORE_FILE -> {
                Path pem = Files.writeString(directory.resolve(principal + ".pem"), client.keyPem() + client.certificatePem());
                pemTrustFile(kafka);
                kafka.put("kafka.ssl.keystore.type", "PEM");
                kafka.put("kafka.ssl.keystore.location", pem.toString());
            }
            case MTLS_PKCS12 -> keyAndTrustStores(kafka, client, principal, "PKCS12");
            default -> keyAndTrustStores(kafka, client, principal, "JKS");
        }
        return kafka;
    }

    private void pemTrustFile(Map<String, Object> kafka) {
        kafka.put("kafka.ssl.truststore.type", "PEM");
        kafka.put("kafka.ssl.truststore.location", caPem.toString());
    }

    private void trustStore(Map<String, Object> kafka, String type) throws Exception {
        Path store = broker.authority.writeTrustStore(directory.resolve("trust-" + type + "." + type.toLowerCase()), type);
        kafka.put("kafka.ssl.truststore.type", type);
        kafka.put("kafka.ssl.truststore.location", store.toString());
        kafka.put("kafka.ssl.truststore.password", TestCertificates.STORE_PASSWORD);
    }

    private void keyAndTrustStores(Map<String, Object> kafka, TestCertificates.Issued client, String principal, String type) throws Exception {
        trustStore(kafka, type);
        Path store = client.writeKeyStore(directory.resolve(principal + "." + type.toLowerCase()), type);
        kafka.put("kafka.ssl.keystore.type", type);
        kafka.put("kafka.ssl.keystore.location", store.toString());
        kafka.put("kafka.ssl.keystore.password", TestCertificates.STORE_PASSWORD);
        kafka.put("kafka.ssl.key.password", TestCertificates.STORE_PASSWORD);
    }

    /** Everything on this run's own topics, groups and transactional ids; KafkaAclsTest narrows it to each function. */
    private void grantWhatTheFunctionsNeed(String principal, Map<String, Object> props) throws Exception {
        broker.allow(principal, ResourceType.TOPIC, principal, PatternType.PREFIXED, AclOperation.ALL);
        broker.allow(principal, ResourceType.TOPIC, props.get("topics.schemas").toString(), PatternType.LITERAL, AclOperation.ALL);
        broker.allow(principal, ResourceType.GROUP, principal, PatternType.PREFIXED, AclOperation.ALL);
        broker.allow(principal, ResourceType.TRANSACTIONAL_ID, props.get("registry.transactional-id").toString(), PatternType.LITERAL, AclOperation.ALL);
        broker.allow(principal, ResourceType.TRANSACTIONAL_ID, props.get("alerts.group-id") + "-", PatternType.PREFIXED, AclOperation.ALL);
    }

    private static String get(FunctionsInstance server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    private ListAppender<ILoggingEvent> appender;

    private List<ILoggingEvent> captureLog() {
        appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        return appender.list;
    }

    private void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
    }

    /** Every message, argument-formatted, with the messages of every cause, as a log file would hold them. */
    static String render(List<ILoggingEvent> events) {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : List.copyOf(events)) {
            text.append(event.getFormattedMessage()).append('\n');
            for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                text.append(cause.getClassName()).append(": ").append(cause.getMessage()).append('\n');
            }
        }
        return text.toString();
    }
}
