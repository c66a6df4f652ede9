package io.akscompute.tlsmanager.domain;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;

/** Reads and writes PEM. Error messages never contain the input: it may be a private key. */
public final class Pem {
    public static final String NOT_A_CERTIFICATE = "the certificate is not valid PEM: expected one or more "
            + "'-----BEGIN CERTIFICATE-----' blocks (the server certificate first, then its issuers)";
    public static final String NOT_A_KEY = "the private key is not valid PEM: expected one "
            + "'-----BEGIN PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----' or '-----BEGIN EC PRIVATE KEY-----' block";
    public static final String ENCRYPTED_KEY = "the private key is encrypted with a passphrase; upload it unencrypted "
            + "(e.g. openssl pkey -in key.pem -out plain.pem) over HTTPS, tls-manager encrypts it at rest";

    /** A server certificate and its intermediates; a public CA's chain has two to four. */
    public static final int MAX_CHAIN = 10;
    /** Ten certificates with 8,192-bit keys fit with room to spare. */
    public static final int MAX_CERTIFICATE_CHARS = 64 * 1024;
    /** An 8,192-bit RSA key in PEM is about 6,400 characters. */
    public static final int MAX_KEY_CHARS = 16 * 1024;

    private Pem() {
    }

    /** Every certificate in the text, in order; refuses anything else in it, and more than {@link #MAX_CHAIN}. */
    public static List<X509Certificate> certificates(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new CertificateInvalidException(NOT_A_CERTIFICATE);
        }
        if (pem.length() > MAX_CERTIFICATE_CHARS) {
            throw new CertificateInvalidException("the certificate PEM is " + pem.length() + " characters; at most "
                    + MAX_CERTIFICATE_CHARS + " are read (the server certificate and its intermediates, at most "
                    + MAX_CHAIN + ")");
        }
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (!(o instanceof X509CertificateHolder holder)) {
                    throw new CertificateInvalidException(NOT_A_CERTIFICATE);
                }
                if (chain.size() == MAX_CHAIN) {
                    throw new CertificateInvalidException("the certificate chain has more than " + MAX_CHAIN
                            + " certificates: upload the server certificate and its intermediates only");
                }
                chain.add(converter.getCertificate(holder));
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            if (e instanceof CertificateInvalidException cie) {
                throw cie;
            }
            throw new CertificateInvalidException(NOT_A_CERTIFICATE);
        }
        if (chain.isEmpty()) {
            throw new CertificateInvalidException(NOT_A_CERTIFICATE);
        }
        return chain;
    }

    /** The one private key in the text (PKCS#8, PKCS#1 RSA or SEC1 EC). */
    public static PrivateKey privateKey(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new CertificateInvalidException(NOT_A_KEY);
        }
        if (pem.length() > MAX_KEY_CHARS) {
            throw new CertificateInvalidException("the private key PEM is " + pem.length() + " characters; at most "
                    + MAX_KEY_CHARS + " are read (one RSA key of up to " + CertificateValidator.MAX_RSA_BITS
                    + " bits, or one EC key)");
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            PrivateKey key;
            if (o instanceof PEMKeyPair pair) {
                key = converter.getPrivateKey(pair.getPrivateKeyInfo());
            } else if (o instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new CertificateInvalidException(ENCRYPTED_KEY);
            } else {
                throw new CertificateInvalidException(NOT_A_KEY);
            }
            if (parser.readObject() != null) {
                throw new CertificateInvalidException(NOT_A_KEY + "; found more than one object");
            }
            return key;
        } catch (CertificateInvalidException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // deliberately without the cause: its message could quote part of the key
            throw new CertificateInvalidException(NOT_A_KEY);
        }
    }

    public static String write(List<X509Certificate> chain) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate c : chain) {
                writer.writeObject(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** PKCS#8 ({@code BEGIN PRIVATE KEY}), what the front end's TLS terminator reads. */
    public static String write(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
