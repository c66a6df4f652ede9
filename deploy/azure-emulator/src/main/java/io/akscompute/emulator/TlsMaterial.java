package io.akscompute.emulator;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A local certificate authority and a server certificate for localhost, created on first start in a state
 * directory and reused afterwards, so a client that trusted the CA once keeps trusting it: the emulator's HTTPS,
 * and in the local suite the services' HTTPS and the broker's SSL listener.
 *
 * <p>Files in the state directory:
 * <ul>
 *   <li>{@code ca.pem}: the CA certificate (PEM), what a client trusts;</li>
 *   <li>{@code truststore.p12}: the same CA as a PKCS12 truststore, password {@value #TRUSTSTORE_PASSWORD};</li>
 *   <li>{@code server.p12}: the server key and certificate chain (SAN localhost, 127.0.0.1), same password;</li>
 *   <li>{@code server.pem} and {@code server-key.pem}: the same chain and key as PEM, for servers that read PEM (the
 *   services, as in Kubernetes: a PKCS12 file costs each start its key derivations).</li>
 * </ul>
 */
public final class TlsMaterial {

    /** Password of both PKCS12 files. The files protect nothing real: this is a local test CA. */
    public static final String TRUSTSTORE_PASSWORD = "changeit";

    static final String CA_PEM = "ca.pem";
    static final String TRUSTSTORE = "truststore.p12";
    static final String SERVER_KEYSTORE = "server.p12";
    static final String SERVER_CERTIFICATE = "server.pem";
    static final String SERVER_KEY = "server-key.pem";
    private static final String SERVER_ALIAS = "server";

    private final Path caPem;
    private final Path truststore;
    private final Path serverKeystorePath;
    private final KeyStore serverKeyStore;

    private TlsMaterial(Path caPem, Path truststore, Path serverKeystorePath, KeyStore serverKeyStore) {
        this.caPem = caPem;
        this.truststore = truststore;
        this.serverKeystorePath = serverKeystorePath;
        this.serverKeyStore = serverKeyStore;
    }

    /** The emulator's material in {@code dir}, generated first if it is not there yet. */
    static TlsMaterial loadOrCreate(Path dir) throws IOException {
        return loadOrCreate(dir, "akscompute Azure emulator CA");
    }

    /** Material in {@code dir} under a CA of that common name, generated first if it is not there yet. */
    public static TlsMaterial loadOrCreate(Path dir, String caCommonName) throws IOException {
        Path caPem = dir.resolve(CA_PEM);
        Path truststore = dir.resolve(TRUSTSTORE);
        Path serverKeystore = dir.resolve(SERVER_KEYSTORE);
        try {
            if (!Files.exists(caPem) || !Files.exists(truststore) || !Files.exists(serverKeystore)) {
                generate(caCommonName, caPem, truststore, serverKeystore);
            }
            KeyStore server = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(serverKeystore)) {
                server.load(in, TRUSTSTORE_PASSWORD.toCharArray());
            }
            if (!Files.exists(dir.resolve(SERVER_CERTIFICATE)) || !Files.exists(dir.resolve(SERVER_KEY))) {
                writePem(server, dir); // material made before the PEM files were
            }
            return new TlsMaterial(caPem, truststore, serverKeystore, server);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create the emulator's TLS material in " + dir, e);
        }
    }

    public Path caPem() {
        return caPem;
    }

    public Path truststore() {
        return truststore;
    }

    /** PKCS12 with the server's key and chain, password {@link #TRUSTSTORE_PASSWORD}. */
    public Path serverKeystore() {
        return serverKeystorePath;
    }

    /** The server's certificate chain, PEM, server first. */
    public Path serverCertificate() {
        return serverKeystorePath.resolveSibling(SERVER_CERTIFICATE);
    }

    /** The server's private key, PKCS#8 PEM, readable by its owner only. */
    public Path serverKey() {
        return serverKeystorePath.resolveSibling(SERVER_KEY);
    }

    /** The server's key and chain for a server in this JVM (the emulator's, the local suite's sign-in). */
    public SSLContext serverSslContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(serverKeyStore, TRUSTSTORE_PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the server SSL context", e);
        }
    }

    private static void generate(String caCommonName, Path caPem, Path truststore, Path serverKeystore)
            throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair caKeys = generator.generateKeyPair();
        KeyPair serverKeys = generator.generateKeyPair();
        Instant now = Instant.now();
        Date notBefore = Date.from(now.minus(Duration.ofDays(1)));
        Date notAfter = Date.from(now.plus(Duration.ofDays(3650)));
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();

        X500Name caName = new X500Name("CN=" + caCommonName);
        X509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(
                caName, serial(), notBefore, notAfter, caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
        X509Certificate ca = sign(caBuilder, caKeys.getPrivate());

        X509v3CertificateBuilder serverBuilder = new JcaX509v3CertificateBuilder(
                ca, serial(), notBefore, notAfter, new X500Name("CN=localhost"), serverKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}))
                .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca));
        X509Certificate server = sign(serverBuilder, caKeys.getPrivate());

        Files.createDirectories(caPem.getParent());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("akscompute-emulator-ca", ca);
        store(trust, truststore);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(SERVER_ALIAS, serverKeys.getPrivate(), TRUSTSTORE_PASSWORD.toCharArray(),
                new Certificate[] {server, ca});
        store(keys, serverKeystore);

        // Last and whole: a launcher waiting for the emulator takes the CA file's presence as "ready to trust".
        EmulatorState.writeWhole(caPem, toPem(ca).getBytes(StandardCharsets.US_ASCII));
    }

    private static void writePem(KeyStore server, Path dir) throws GeneralSecurityException, IOException {
        StringWriter chain = new StringWriter();
        StringWriter key = new StringWriter();
        try (JcaPEMWriter chainWriter = new JcaPEMWriter(chain); JcaPEMWriter keyWriter = new JcaPEMWriter(key)) {
            for (Certificate certificate : server.getCertificateChain(SERVER_ALIAS)) {
                chainWriter.writeObject(certificate);
            }
            keyWriter.writeObject(new JcaPKCS8Generator(
                    (PrivateKey) server.getKey(SERVER_ALIAS, TRUSTSTORE_PASSWORD.toCharArray()), null));
        }
        Path keyFile = dir.resolve(SERVER_KEY);
        Files.deleteIfExists(keyFile);
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, key.toString(), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(SERVER_CERTIFICATE), chain.toString(), StandardCharsets.US_ASCII);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(key);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE);
    }

    static String toPem(Certificate certificate) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        }
        return out.toString();
    }

    private static void store(KeyStore keyStore, Path file) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore.store(out, TRUSTSTORE_PASSWORD.toCharArray());
        }
    }
}
