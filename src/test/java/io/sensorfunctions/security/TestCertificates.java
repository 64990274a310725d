package io.sensorfunctions.security;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throw-away certificate authority for tests, made with BouncyCastle: it issues server and client certificates and
 * writes them the ways users get them, as PEM files (Aiven's {@code ca.pem}, {@code service.cert},
 * {@code service.key}), PKCS12 and JKS stores. Nothing it makes is committed.
 */
final class TestCertificates {

    static final String STORE_PASSWORD = "test-only-store-password";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final String name;
    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestCertificates(String name, KeyPair caKeys, X509Certificate ca) {
        this.name = name;
        this.caKeys = caKeys;
        this.ca = ca;
    }

    /** A new CA whose subject is {@code CN=<name>}. */
    static TestCertificates authority(String name) throws Exception {
        KeyPair keys = rsa();
        X500Name subject = new X500Name("CN=" + name);
        X509v3CertificateBuilder builder = builder(subject, subject, keys)
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new TestCertificates(name, keys, sign(builder, keys));
    }

    /** A certificate for {@code localhost} (DNS and 127.0.0.1), or for a client {@code CN=<commonName>}. */
    Issued issue(String commonName, boolean server) throws Exception {
        KeyPair keys = rsa();
        X509v3CertificateBuilder builder = builder(new X500Name("CN=" + name), new X500Name("CN=" + commonName), keys);
        if (server) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        }
        return new Issued(keys, sign(builder, caKeys), ca);
    }

    /** Writes the CA certificate as PEM, Aiven's {@code ca.pem}. */
    Path writeCaPem(Path file) throws IOException {
        Files.writeString(file, pem(ca));
        return file;
    }

    /** A trust store of {@code type} (PKCS12 or JKS) holding the CA, with {@link #STORE_PASSWORD}. */
    Path writeTrustStore(Path file, String type) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        save(store, file);
        return file;
    }

    String caPem() throws IOException {
        return pem(ca);
    }

    /** One issued key and certificate, and the chain up to the CA. */
    record Issued(KeyPair keys, X509Certificate certificate, X509Certificate ca) {

        /** The certificate as PEM, Aiven's {@code service.cert}. */
        String certificatePem() throws IOException {
            return pem(certificate);
        }

        /** The private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), Aiven's {@code service.key}. */
        String keyPem() throws IOException {
            return pem(new JcaPKCS8Generator(keys.getPrivate(), null));
        }

        /** A key store of {@code type} (PKCS12 or JKS) with the key under {@link #STORE_PASSWORD}. */
        Path writeKeyStore(Path file, String type) throws Exception {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            store.setKeyEntry("key", keys.getPrivate(), STORE_PASSWORD.toCharArray(), new Certificate[]{certificate, ca});
            save(store, file);
            return file;
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static void save(KeyStore store, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
    }
}
