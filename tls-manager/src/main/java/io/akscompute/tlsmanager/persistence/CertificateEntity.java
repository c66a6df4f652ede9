package io.akscompute.tlsmanager.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A certificate tls-manager holds. {@code keyEncrypted} is AES-GCM ciphertext; the plaintext key is never stored. */
@Entity
@Table(name = "certificate")
public class CertificateEntity {
    public enum Kind {
        /** Issued by tls-manager for a compute's leaf domain label, renewed by it. */
        AUTO,
        /** Uploaded by a user; renewed by them. */
        USER
    }

    @Id
    public String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    /** The compute an AUTO certificate was issued for. */
    public String workspace;

    @Column(name = "compute_name")
    public String computeName;

    public String fqdn;

    @Column(name = "dns_label")
    public String dnsLabel;

    @Column(name = "leaf_label")
    public String leafLabel;

    public String location;

    public String cname;

    @Column(name = "cert_pem", nullable = false)
    public String certPem;

    @Column(name = "key_enc", nullable = false)
    public String keyEncrypted;

    public String issuer;

    /** SHA-256 of the leaf certificate: tells which version a cluster's secret holds. */
    @Column(nullable = false)
    public String fingerprint;

    @Column(name = "not_before", nullable = false)
    public Instant notBefore;

    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    @Column(name = "expiring_notified_at")
    public Instant expiringNotifiedAt;

    @Column(name = "expired_notified_at")
    public Instant expiredNotifiedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "renewed_at")
    public Instant renewedAt;

    /** Renewals or notices that failed in a row; the next try waits until {@code retryAt}. */
    @Column(nullable = false)
    public int failures;

    @Column(name = "retry_at")
    public Instant retryAt;

    @Version
    public long version;

    /** Never prints key material. */
    @Override
    public String toString() {
        return "Certificate[" + id + ", " + kind + ", " + (fqdn != null ? fqdn : cname) + ", notAfter=" + notAfter + "]";
    }
}
