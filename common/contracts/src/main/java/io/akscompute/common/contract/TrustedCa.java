package io.akscompute.common.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** A client's TLS trust: the certificates of a PEM file (the local suite's CA, a company CA), for HTTPS clients. */
public final class TrustedCa {

    private TrustedCa() {
    }

    /** An SSL context that trusts exactly the certificates in {@code pem}. */
    public static SSLContext sslContext(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(in, pem.toString()), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot trust the certificates in " + pem + ": " + e.getMessage(), e);
        }
    }

    /** Trust managers that accept exactly what the PEM certificates ({@code source} names them in an error) sign. */
    public static TrustManager[] trustManagers(InputStream pem, String source) throws GeneralSecurityException,
            IOException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int n = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
            trust.setCertificateEntry("ca-" + n++, c);
        }
        if (n == 0) {
            throw new IllegalArgumentException(source + " holds no PEM certificate");
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }
}
