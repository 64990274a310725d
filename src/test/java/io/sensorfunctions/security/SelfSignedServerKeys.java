package io.sensorfunctions.security;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A self-signed server key for {@code localhost} and 127.0.0.1, made with the JDK's keytool as a deployer would make
 * one, in a PKCS12 store under {@link #PASSWORD}; and an {@link SSLContext} that trusts it. Nothing is committed.
 */
public final class SelfSignedServerKeys {

    /** The store's password: test-only. */
    public static final String PASSWORD = "test-only-store-password";

    private SelfSignedServerKeys() {
    }

    /**
     * Writes a new key and certificate (EC P-256, valid 2 days) to {@code keyStore}, readable by every user, so that
     * a container's non-root user can read it through a bind mount; a file already there is replaced.
     *
     * @throws AssertionError when keytool fails, with its output
     */
    public static Path write(Path keyStore) throws Exception {
        Files.deleteIfExists(keyStore);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
            "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
            "-keystore", keyStore.toString(), "-storepass", PASSWORD)
            .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        keyStore.toFile().setReadable(true, false);
        return keyStore;
    }

    /** @return a TLS context that trusts exactly the certificate in {@code keyStore} */
    public static SSLContext trusting(Path keyStore) throws Exception {
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
}
