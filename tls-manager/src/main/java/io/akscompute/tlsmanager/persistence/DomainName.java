package io.akscompute.tlsmanager.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An FQDN handed out for a leaf domain label; the primary key keeps each one unique. */
@Entity
@Table(name = "domain_name")
public class DomainName {
    @Id
    public String fqdn;

    @Column(name = "leaf_label", nullable = false)
    public String leafLabel;

    @Column(name = "dns_label", nullable = false)
    public String dnsLabel;

    @Column(nullable = false)
    public String location;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
