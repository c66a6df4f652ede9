package io.akscompute.tlsmanager.domain;

import java.time.Instant;

/**
 * Issues a certificate for a host name. The built-in one is akscompute's own certificate authority; an ACME
 * issuer (Let's Encrypt and the like) can take its place without changes elsewhere.
 */
public interface Issuer {

    /** A short name stored with each certificate, e.g. {@code akscompute-ca}. */
    String name();

    IssuedCertificate issue(String fqdn, Instant now);
}
