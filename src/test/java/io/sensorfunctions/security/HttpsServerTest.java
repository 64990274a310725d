package io.sensorfunctions.security;

import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * HTTPS for our own endpoints is Micronaut's configuration switch ({@code micronaut.server.ssl.*}): with a PKCS12
 * key store the instance answers over TLS to a client that trusts its certificate, refuses one that does not, and no
 * longer answers plain HTTP. The certificate is made in the test with the JDK's keytool ({@link SelfSignedServerKeys}); none is committed.
 */
@IntegrationTest
class HttpsServerTest {

    @Test
    void theServerAnswersOverTlsWhenConfiguredAndRefusesUntrustedAndPlainClients(@TempDir Path directory) throws Exception {
        Path keyStore = SelfSignedServerKeys.write(directory.resolve("server.p12"));
        int port = freePort();
        Map<String, Object> props = TestKafka.isolated("https");
        props.put("functions", "registry");
        props.put("micronaut.server.ssl.enabled", "true");
        props.put("micronaut.server.ssl.port", port);
        props.put("micronaut.server.ssl.key-store.path", "file:" + keyStore);
        props.put("micronaut.server.ssl.key-store.type", "PKCS12");
        props.put("micronaut.server.ssl.key-store.password", SelfSignedServerKeys.PASSWORD);

        try (FunctionsInstance server = FunctionsInstance.start(props)) {
            assertThat(server.url().getProtocol()).isEqualTo("https");
            URI health = URI.create("https://localhost:" + port + "/health");

            HttpResponse<String> trusted = HttpClient.newBuilder().sslContext(SelfSignedServerKeys.trusting(keyStore))
                .connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(trusted.statusCode()).isEqualTo(200);

            assertThrows(SSLHandshakeException.class, () -> HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()), "an untrusted certificate is refused");
            assertThrows(IOException.class, () -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()), "plain HTTP on the TLS port gets no answer");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
