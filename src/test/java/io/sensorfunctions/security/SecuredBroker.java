package io.sensorfunctions.security;

import io.sensorfunctions.devkafka.DevKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process KRaft broker locked the way managed clusters are: a SASL_SSL listener (SCRAM-SHA-256 and -512), an SSL
 * listener that requires client certificates (mTLS, the principal being the certificate's CN, as on Aiven), and
 * Kafka's {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}. A plaintext listener that only
 * the test uses (its principal ANONYMOUS is a super user) creates SCRAM users, topics and ACLs. Public for the
 * artifact tier, which points shipped artifacts at it.
 */
public final class SecuredBroker implements AutoCloseable {

    final TestCertificates authority;
    final DevKafka kafka;
    final int saslSslPort;
    final int mtlsPort;
    final Path directory;

    private SecuredBroker(TestCertificates authority, DevKafka kafka, int saslSslPort, int mtlsPort, Path directory) {
        this.authority = authority;
        this.kafka = kafka;
        this.saslSslPort = saslSslPort;
        this.mtlsPort = mtlsPort;
        this.directory = directory;
    }

    /** Starts one, its certificates written under {@code directory}. */
    public static SecuredBroker start(Path directory) throws Exception {
        TestCertificates authority = TestCertificates.authority("sensor-functions-test-ca");
        Path keyStore = authority.issue("localhost", true).writeKeyStore(directory.resolve("broker.p12"), "PKCS12");
        Path trustStore = authority.writeTrustStore(directory.resolve("broker-trust.p12"), "PKCS12");
        int saslSslPort = freePort();
        int mtlsPort = freePort();
        String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
        Map<String, String> settings = new HashMap<>();
        settings.put("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,SASL_SSL://localhost:" + saslSslPort
            + ",MTLS://localhost:" + mtlsPort);
        settings.put("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL,MTLS:SSL");
        settings.put("sasl.enabled.mechanisms", "SCRAM-SHA-256,SCRAM-SHA-512");
        settings.put("listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config", scram);
        settings.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", scram);
        settings.put("ssl.keystore.location", keyStore.toString());
        settings.put("ssl.keystore.type", "PKCS12");
        settings.put("ssl.keystore.password", TestCertificates.STORE_PASSWORD);
        settings.put("ssl.key.password", TestCertificates.STORE_PASSWORD);
        settings.put("ssl.truststore.location", trustStore.toString());
        settings.put("ssl.truststore.type", "PKCS12");
        settings.put("ssl.truststore.password", TestCertificates.STORE_PASSWORD);
        settings.put("listener.name.mtls.ssl.client.auth", "required");
        settings.put("ssl.principal.mapping.rules", "RULE:^CN=([^,]+)$/$1/,DEFAULT");
        settings.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        settings.put("allow.everyone.if.no.acl.found", "false");
        settings.put("super.users", "User:ANONYMOUS");
        return new SecuredBroker(authority, DevKafka.start(0, settings), saslSslPort, mtlsPort, directory);
    }

    public String saslSsl() {
        return "localhost:" + saslSslPort;
    }

    String mtls() {
        return "localhost:" + mtlsPort;
    }

    /** The test's own plaintext listener, super user: for setting up and for checking offsets. */
    public String plaintext() {
        return kafka.bootstrapServers();
    }

    /** @return the certificate of the authority that signed the broker's, as PEM: a client's trust file */
    public String caPem() throws IOException {
        return authority.caPem();
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plaintext()));
    }

    /** Creates or replaces {@code user}'s SCRAM credential for {@code mechanism}. */
    public void scramUser(String user, ScramMechanism mechanism, String password) throws Exception {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user, new ScramCredentialInfo(mechanism, 8192), password)))
                .all().get();
        }
    }

    /** Allows {@code operations} on a resource to {@code User:<user>}. */
    public void allow(String user, ResourceType type, String name, PatternType pattern, AclOperation... operations) throws Exception {
        List<AclBinding> bindings = new ArrayList<>();
        for (AclOperation operation : operations) {
            bindings.add(new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
        }
        try (Admin admin = admin()) {
            admin.createAcls(bindings).all().get();
        }
    }

    @Override
    public void close() throws Exception {
        kafka.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
