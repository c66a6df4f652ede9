package io.akscompute.tlsmanager.domain;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** A certificate chain and its key that passed {@link CertificateValidator}. */
public record ValidCertificate(List<X509Certificate> chain, PrivateKey key, String cname, List<String> names,
        Instant notBefore, Instant notAfter) {

    /** Never prints the key. */
    @Override
    public String toString() {
        return "ValidCertificate[cname=" + cname + ", names=" + names + ", notAfter=" + notAfter + "]";
    }
}
