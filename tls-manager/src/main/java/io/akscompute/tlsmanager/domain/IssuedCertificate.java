package io.akscompute.tlsmanager.domain;

import java.time.Instant;

/** A freshly issued certificate: the chain (leaf first) and its key, both PEM. */
public record IssuedCertificate(String chainPem, String keyPem, Instant notBefore, Instant notAfter, String issuer) {

    /** Never prints the key. */
    @Override
    public String toString() {
        return "IssuedCertificate[issuer=" + issuer + ", notAfter=" + notAfter + "]";
    }
}
