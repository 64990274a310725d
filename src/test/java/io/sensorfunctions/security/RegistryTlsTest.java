package io.sensorfunctions.security;

import io.sensorfunctions.serde.KafkaAvroSerializer;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry over HTTPS, served from PEM files (Micronaut's {@code micronaut.server.ssl.key-store.key-path} and
 * {@code certificate-path}), and the serde trusting it through Confluent's {@code schema.registry.ssl.*} keys with a
 * PEM CA file, and with basic auth on top. Without the trust setting the serde refuses the unknown certificate.
 */
@IntegrationTest
class RegistryTlsTest {

    @TempDir
    Path directory;

    @Test
    void theSerdeTalksToAnHttpsRegistryWithAPemTrustStoreAndBasicAuth() throws Exception {
        TestCertificates authority = TestCertificates.authority("registry-test-ca");
        TestCertificates.Issued server = authority.issue("localhost", true);
        Path cert = Files.writeString(directory.resolve("registry.cert"), server.certificatePem());
        Path key = Files.writeString(directory.resolve("registry.key"), server.keyPem());
        Path ca = authority.writeCaPem(directory.resolve("ca.pem"));
        int port = freePort();

        Map<String, Object> props = TestKafka.isolated("registry-tls");
        props.put("functions", "registry");
        props.put("micronaut.server.ssl.enabled", "true");
        props.put("micronaut.server.ssl.port", port);
        props.put("micronaut.server.ssl.key-store.key-path", "file:" + key);
        props.put("micronaut.server.ssl.key-store.certificate-path", "file:" + cert);
        props.put("micronaut.security.enabled", "true");
        props.put("security.users.writer.password", "test-only-writer-password");
        props.put("security.users.writer.roles", "operator");
        try (FunctionsInstance registry = FunctionsInstance.start(props)) {
            String url = "https://localhost:" + port;
            Map<String, Object> trusted = new HashMap<>(Map.of("schema.registry.url", url,
                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "writer:test-only-writer-password",
                "schema.registry.ssl.truststore.type", "PEM", "schema.registry.ssl.truststore.location", ca.toString()));
            assertThat(serialize(trusted)).hasSize(6);

            Map<String, Object> untrusted = new HashMap<>(trusted);
            untrusted.remove("schema.registry.ssl.truststore.type");
            untrusted.remove("schema.registry.ssl.truststore.location");
            assertThatThrownBy(() -> serialize(untrusted)).isInstanceOf(SerializationException.class)
                .hasStackTraceContaining("PKIX path building failed");

            Map<String, Object> anonymous = new HashMap<>(trusted);
            anonymous.remove("basic.auth.credentials.source");
            anonymous.remove("basic.auth.user.info");
            assertThatThrownBy(() -> serialize(anonymous)).isInstanceOf(SerializationException.class).hasMessageContaining("401");
        }
    }

    private static byte[] serialize(Map<String, Object> config) {
        Schema schema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"OverTls\",\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}");
        GenericRecord record = new GenericData.Record(schema);
        record.put("f", 7);
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(config, false);
            return serializer.serialize("over-tls", record);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
