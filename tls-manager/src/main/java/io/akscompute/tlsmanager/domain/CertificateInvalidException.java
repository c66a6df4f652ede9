package io.akscompute.tlsmanager.domain;

/** A certificate or key the user gave cannot be used; the message says why and never quotes key material. */
public class CertificateInvalidException extends RuntimeException {
    public CertificateInvalidException(String message) {
        super(message, null, false, false);
    }
}
