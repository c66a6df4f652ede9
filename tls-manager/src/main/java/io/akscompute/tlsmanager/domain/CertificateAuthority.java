package io.akscompute.tlsmanager.domain;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
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
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** akscompute's own certificate authority: a self-signed root that signs server certificates for one FQDN each. */
public final class CertificateAuthority implements Issuer {
    public static final String NAME = "akscompute-ca";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Issued certificates start slightly in the past: clocks of clients differ. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Duration validity;

    public CertificateAuthority(X509Certificate certificate, PrivateKey key, Duration validity) {
        this.certificate = certificate;
        this.key = key;
        this.validity = validity;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** For storing it encrypted, nothing else. */
    public PrivateKey privateKey() {
        return key;
    }

    /**
     * A new root: ECDSA P-256 (as Let's Encrypt's and DigiCert's newer roots), valid ten years. Made in a
     * millisecond, where an RSA 3072 key took a service's first start seconds of CPU.
     */
    public static CertificateAuthority create(String commonName, Instant now, Duration leafValidity) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair pair = generator.generateKeyPair();
            X500Principal subject = new X500Principal("CN=" + commonName + ",O=akscompute");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(Duration.ofDays(3650))), subject,
                    pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    ext.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate root = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(signer(pair.getPrivate())));
            return new CertificateAuthority(root, pair.getPrivate(), leafValidity);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot create the certificate authority", e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IssuedCertificate issue(String fqdn, Instant now) {
        try {
            KeyPair pair = rsa(2048);
            // X.509 times have whole seconds: keep the stored dates equal to the certificate's
            Instant notBefore = now.minus(BACKDATE).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            Instant notAfter = now.plus(validity).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(notBefore), Date.from(notAfter), new X500Principal("CN=" + fqdn), pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, fqdn)));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    ext.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(certificate));
            X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
            return new IssuedCertificate(Pem.write(List.of(leaf, certificate)), Pem.write(pair.getPrivate()),
                    notBefore, notAfter, NAME);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + fqdn, e);
        }
    }

    private static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits, RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    /** Signs with the root's key: ECDSA, or RSA for a root made before roots were EC. */
    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(CertificateValidator.signatureAlgorithm(key)).build(key);
    }
}
