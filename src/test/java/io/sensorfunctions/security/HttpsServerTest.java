package io.sensorfunctions.security;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.sensorfunctions.IntegrationTest;
import io.sensorfunctions.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * HTTPS for our own endpoints is Micronaut's configuration switch ({@code micronaut.server.ssl.*}): with a PKCS12
 * key store the instance answers over TLS to a client that trusts its certificate, refuses one that does not, and no
 * longer answers plain HTTP. The certificate is made in the test with the JDK's keytool; none is committed.
 */
@IntegrationTest
class HttpsServerTest {

    private static final String PASSWORD = "test-only-store-password";

    @Test
    void theServerAnswersOverTlsWhenConfiguredAndRefusesUntrustedAndPlainClients(@TempDir Path directory) throws Exception {
        Path keyStore = directory.resolve("server.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
            "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
            "-keystore", keyStore.toString(), "-storepass", PASSWORD);
        int port = freePort();
        Map<String, Object> props = TestKafka.isolated("https");
        props.put("functions", "registry");
        props.put("micronaut.server.ssl.enabled", "true");
        props.put("micronaut.server.ssl.port", port);
        props.put("micronaut.server.ssl.key-store.path", "file:" + keyStore);
        props.put("micronaut.server.ssl.key-store.type", "PKCS12");
        props.put("micronaut.server.ssl.key-store.password", PASSWORD);

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
            assertThat(server.getScheme()).isEqualTo("https");
            URI health = URI.create("https://localhost:" + port + "/health");

            HttpResponse<String> trusted = HttpClient.newBuilder().sslContext(trusting(keyStore)).connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(trusted.statusCode()).isEqualTo(200);

            assertThrows(SSLHandshakeException.class, () -> HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()), "an untrusted certificate is refused");
            assertThrows(IOException.class, () -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()), "plain HTTP on the TLS port gets no answer");
        }
    }

    private static SSLContext trusting(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void keytool(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
