package io.akscompute.tlsmanager;

import io.akscompute.tlsmanager.domain.Pem;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates a user might upload, made on the spot: a root, an intermediate and a server certificate. */
public final class TestCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A server certificate, its chain (leaf, intermediate, root) and its key, all PEM. */
    public record Bundle(X509Certificate leaf, X509Certificate intermediate, X509Certificate root, KeyPair leafKey) {
        public String leafPem() {
            return Pem.write(List.of(leaf));
        }

        public String chainPem() {
            return Pem.write(List.of(leaf, intermediate, root));
        }

        public String keyPem() {
            return Pem.write(leafKey.getPrivate());
        }
    }

    private TestCertificates() {
    }

    public static Bundle server(String cn, List<String> sans, Instant notBefore, Instant notAfter, int keyBits) {
        return server(cn, sans, notBefore, notAfter, keyBits, testIntermediate());
    }

    private static String testIntermediate() {
        return "CN=Test Intermediate " + RANDOM.nextInt(1_000_000);
    }

    /** Valid now for a year, SAN = the names, issued by an intermediate CA of that distinguished name. */
    public static Bundle serverIssuedBy(String intermediate, String... names) {
        return server(names[0], List.of(names), Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(365)), 2048, intermediate);
    }

    private static Bundle server(String cn, List<String> sans, Instant notBefore, Instant notAfter, int keyBits,
            String intermediateSubject) {
        try {
            KeyPair rootKey = rsa(2048);
            X500Principal rootName = new X500Principal("CN=Test Root " + RANDOM.nextInt(1_000_000));
            Instant start = Instant.now().minus(Duration.ofDays(30));
            Instant end = Instant.now().plus(Duration.ofDays(3650));
            X509Certificate root = ca(rootName, rootName, rootKey, rootKey.getPrivate(), start, end);
            KeyPair intermediateKey = rsa(2048);
            X500Principal intermediateName = new X500Principal(intermediateSubject);
            X509Certificate intermediate = ca(intermediateName, rootName, intermediateKey, rootKey.getPrivate(), start,
                    end);
            KeyPair leafKey = rsa(keyBits);
            var builder = new JcaX509v3CertificateBuilder(intermediateName, serial(), Date.from(notBefore),
                    Date.from(notAfter), new X500Principal("CN=" + cn), leafKey.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (!sans.isEmpty()) {
                List<GeneralName> names = new ArrayList<>();
                sans.forEach(s -> names.add(new GeneralName(GeneralName.dNSName, s)));
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(intermediateKey.getPrivate())));
            return new Bundle(leaf, intermediate, root, leafKey);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Valid now for a year, SAN = the names, 2048-bit key. */
    public static Bundle server(String... names) {
        return serverIssuedBy(testIntermediate(), names);
    }

    public static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits, RANDOM);
        return generator.generateKeyPair();
    }

    /** A self-signed root with this key. */
    public static X509Certificate root(String cn, KeyPair key, Instant start, Instant end) throws Exception {
        X500Principal name = new X500Principal("CN=" + cn);
        return ca(name, name, key, key.getPrivate(), start, end);
    }

    private static X509Certificate ca(X500Principal subject, X500Principal issuer, KeyPair subjectKey,
            PrivateKey issuerKey, Instant start, Instant end) throws Exception {
        var builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(start), Date.from(end), subject,
                subjectKey.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }
}
