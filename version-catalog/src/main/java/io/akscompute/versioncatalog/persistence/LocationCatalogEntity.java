package io.akscompute.versioncatalog.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The last good catalog of one location and how the last sync went. */
@Entity
@Table(name = "location_catalog")
public class LocationCatalogEntity {
    @Id
    public String location;

    /** LocationVersions JSON. */
    @Column(nullable = false)
    public String content;

    @Column(name = "content_hash", nullable = false)
    public String contentHash;

    @Column(name = "source_api", nullable = false)
    public String sourceApi;

    @Column(name = "fetched_at", nullable = false)
    public Instant fetchedAt;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(nullable = false)
    public boolean stale;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_error")
    public String lastError;
}
