package io.akscompute.tlsmanager.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The built-in certificate authority's root certificate and encrypted key (one row, id 1). */
@Entity
@Table(name = "ca_key")
public class CaKey {
    public static final int ID = 1;

    @Id
    public int id;

    @Column(name = "cert_pem", nullable = false)
    public String certPem;

    @Column(name = "key_enc", nullable = false)
    public String keyEncrypted;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
