package io.akscompute.tlsmanager.domain;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.List;

/**
 * Checks a certificate (or chain), key and cname a user uploads, in the order a person fixes them: readable
 * PEM, strong enough key, chain order, key belongs to the certificate, validity period, cname covered.
 * Each failure has its own message; none quotes the key.
 */
public final class CertificateValidator {
    public static final int MIN_RSA_BITS = 2048;
    /** Larger keys buy nothing a scoring endpoint needs, and each signature with one costs a stranger's CPU. */
    public static final int MAX_RSA_BITS = 8192;
    /** The longest host name DNS allows. */
    public static final int MAX_CNAME_CHARS = 253;
    public static final String KEY_MISMATCH = "the private key does not match the certificate: it belongs to another "
            + "certificate (the first certificate in the PEM must be the server certificate for this key)";
    public static final String WRONG_ORDER = "the certificate chain is in the wrong order: the server certificate must "
            + "come first and each certificate must be followed by the one that issued it";
    public static final String CNAME_MISSING = "cname is required: the host name clients use to reach the scoring "
            + "endpoint, covered by the certificate";

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateValidator() {
    }

    public static ValidCertificate validate(String certificatePem, String keyPem, String cname, Instant now) {
        List<X509Certificate> chain = Pem.certificates(certificatePem);
        PrivateKey key = Pem.privateKey(keyPem);
        checkStrength(key);
        checkOrder(chain, key);
        X509Certificate leaf = chain.get(0);
        if (!matches(key, leaf.getPublicKey())) {
            throw new CertificateInvalidException(KEY_MISMATCH);
        }
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            throw new CertificateInvalidException("the certificate is not valid yet: its validity starts " + notBefore
                    + " (check the clock of the machine that issued it)");
        }
        if (!now.isBefore(notAfter)) {
            throw new CertificateInvalidException("the certificate expired " + notAfter + "; renew it with its issuer "
                    + "and upload the new one");
        }
        if (cname == null || cname.isBlank()) {
            throw new CertificateInvalidException(CNAME_MISSING);
        }
        if (cname.trim().length() > MAX_CNAME_CHARS) {
            throw new CertificateInvalidException("the cname is " + cname.trim().length() + " characters; a host "
                    + "name has at most " + MAX_CNAME_CHARS);
        }
        List<String> names = HostNames.of(leaf);
        if (!HostNames.covers(names, cname.trim())) {
            throw new CertificateInvalidException(notCovered(cname.trim(), names));
        }
        return new ValidCertificate(chain, key, cname.trim().toLowerCase(java.util.Locale.ROOT), names, notBefore,
                notAfter);
    }

    public static String notCovered(String cname, List<String> names) {
        return "the cname '" + cname + "' is not covered by the certificate, which names " + names
                + " (subject alternative names, else the common name; a wildcard covers one label)";
    }

    public static void checkStrength(PrivateKey key) {
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new CertificateInvalidException("the RSA key is too weak: " + bits + " bits, at least "
                        + MIN_RSA_BITS + " are required");
            }
            if (bits > MAX_RSA_BITS) {
                throw new CertificateInvalidException("the RSA key is " + bits + " bits; at most " + MAX_RSA_BITS
                        + " are accepted (2048 to 4096 is usual)");
            }
        } else if (key instanceof ECKey ec) {
            int bits = ec.getParams().getOrder().bitLength();
            if (bits < 256) {
                throw new CertificateInvalidException("the EC key is too weak: " + bits + " bits, at least 256 are "
                        + "required");
            }
        }
    }

    /**
     * The chain must go leaf first, each certificate signed by the next. A chain whose first certificate is not
     * the key's, while a later one is, is out of order too.
     */
    static void checkOrder(List<X509Certificate> chain, PrivateKey key) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!issuedBy(chain.get(i), chain.get(i + 1))) {
                throw new CertificateInvalidException(WRONG_ORDER);
            }
        }
        if (chain.size() > 1 && !matches(key, chain.get(0).getPublicKey())) {
            for (int i = 1; i < chain.size(); i++) {
                if (matches(key, chain.get(i).getPublicKey())) {
                    throw new CertificateInvalidException(WRONG_ORDER);
                }
            }
        }
    }

    static boolean issuedBy(X509Certificate subject, X509Certificate issuer) {
        if (!subject.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            subject.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The signature a key of either kind we accept (RSA, EC) makes: SHA-256 with it. */
    static String signatureAlgorithm(PrivateKey key) {
        return key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    }

    /** Proof of possession: a signature made with the private key verifies with the certificate's public key. */
    public static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())
                && !(key.getAlgorithm().startsWith("EC") && publicKey.getAlgorithm().startsWith("EC"))) {
            return false;
        }
        String algorithm = signatureAlgorithm(key);
        try {
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
