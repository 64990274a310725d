package io.sensorfunctions.security;

import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a secured broker refuses, and how clearly we say so: /health is DOWN with kafka's reason naming the problem,
 * and {@code POST /produce} answers 503 rather than accepting a burst that cannot be produced.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaRefusalsTest {

    @TempDir
    static Path directory;
    private SecuredBroker broker;

    enum Refusal {
        PLAINTEXT_CLIENT_ON_TLS_PORT("security.protocol=PLAINTEXT; check the address, and that security.protocol matches"),
        UNTRUSTED_SERVER_CERTIFICATE("SslAuthenticationException: SSL handshake failed"),
        WRONG_SCRAM_PASSWORD("SaslAuthenticationException: Authentication failed during authentication due to invalid credentials"),
        NO_CLIENT_CERTIFICATE_ON_MTLS_PORT("SslAuthenticationException");

        final String reason;

        Refusal(String reason) {
            this.reason = reason;
        }
    }

    @BeforeAll
    void start() throws Exception {
        broker = SecuredBroker.start(directory);
        broker.scramUser("refused", ScramMechanism.SCRAM_SHA_512, "the-right-password");
    }

    @AfterAll
    void stop() throws Exception {
        broker.close();
    }

    @ParameterizedTest
    @EnumSource(Refusal.class)
    void theRefusalShowsInHealthWithItsReason(Refusal refusal) throws Exception {
        Map<String, Object> props = TestKafka.isolated("refused-" + refusal.ordinal());
        props.put("functions", "trigger");
        props.put("schema.registry.url", "http://localhost:1");
        props.putAll(settings(refusal));
        try (FunctionsInstance server = FunctionsInstance.start(props)) {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).containsPattern("\"kafka\":\\{\"name\":\"[^\"]*\",\"status\":\"DOWN\"").contains(refusal.reason);
            });
            HttpResponse<String> produce = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/produce"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"events\":1,\"delayMs\":0}")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(produce.statusCode()).isEqualTo(503);
            assertThat(produce.body()).contains(refusal.reason);
        }
    }

    private Map<String, Object> settings(Refusal refusal) throws Exception {
        Map<String, Object> kafka = new HashMap<>();
        switch (refusal) {
            case PLAINTEXT_CLIENT_ON_TLS_PORT -> kafka.put("kafka.bootstrap.servers", broker.saslSsl());
            case UNTRUSTED_SERVER_CERTIFICATE -> {
                Path otherCa = TestCertificates.authority("some-other-ca").writeCaPem(directory.resolve("other-ca.pem"));
                kafka.put("kafka.bootstrap.servers", broker.saslSsl());
                kafka.put("kafka.security.protocol", "SASL_SSL");
                kafka.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
                kafka.put("kafka.sasl.jaas.config", jaas("the-right-password"));
                kafka.put("kafka.ssl.truststore.type", "PEM");
                kafka.put("kafka.ssl.truststore.location", otherCa.toString());
            }
            case WRONG_SCRAM_PASSWORD -> {
                kafka.put("kafka.bootstrap.servers", broker.saslSsl());
                kafka.put("kafka.security.protocol", "SASL_SSL");
                kafka.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
                kafka.put("kafka.sasl.jaas.config", jaas("a-wrong-password"));
                kafka.put("kafka.ssl.truststore.type", "PEM");
                kafka.put("kafka.ssl.truststore.certificates", broker.authority.caPem());
            }
            default -> {
                kafka.put("kafka.bootstrap.servers", broker.mtls());
                kafka.put("kafka.security.protocol", "SSL");
                kafka.put("kafka.ssl.truststore.type", "PEM");
                kafka.put("kafka.ssl.truststore.certificates", broker.authority.caPem());
            }
        }
        return kafka;
    }

    private static String jaas(String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"refused\" password=\"" + password + "\";";
    }
}
