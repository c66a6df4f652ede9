package io.akscompute.versioncatalog.persistence;

import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.LocationVersions;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.outbox.Outbox;
import io.akscompute.common.versions.VersionCache;
import io.akscompute.versioncatalog.azure.FetchedVersions;
import io.akscompute.versioncatalog.domain.CatalogContent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps each location's last good catalog. A changed catalog is published on {@code aks.versions} through the
 * outbox, in the transaction that stores it; an unchanged one only moves {@code fetchedAt}; a failure only marks
 * the stored catalog stale. The row is locked, so two instances syncing at once publish a change once.
 */
@ApplicationScoped
public class CatalogStore {

    /** A stored catalog as served: {@code catalog.fetchedAt()} is the last successful fetch. */
    public record Stored(LocationVersions catalog, boolean stale, String sourceApi, String lastError,
                         boolean changed) {
    }

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Stored recordSuccess(FetchedVersions fetched) {
        LocationVersions catalog = fetched.catalog();
        LocationCatalogEntity row = em.find(LocationCatalogEntity.class, catalog.location(),
                LockModeType.PESSIMISTIC_WRITE);
        if (catalog.vmSizes().isEmpty() && row != null) {
            // Azure gave the versions but not the sizes this time: the last sizes it gave stay.
            catalog = catalog.withVmSizes(read(row).vmSizes());
        }
        String hash = CatalogContent.hash(catalog);
        Instant now = catalog.fetchedAt();
        boolean changed = row == null || !hash.equals(row.contentHash);
        boolean created = row == null;
        if (created) {
            row = new LocationCatalogEntity();
            row.location = catalog.location();
        }
        if (changed) {
            row.content = Json.write(catalog);
            row.contentHash = hash;
            row.changedAt = now;
            outbox.publish(Topics.VERSIONS, catalog.location(), VersionCache.CE_TYPE,
                    subject(catalog.location()), null, null, row.content);
        }
        row.sourceApi = fetched.sourceApi();
        row.fetchedAt = now;
        row.lastAttemptAt = now;
        row.stale = false;
        row.lastError = null;
        if (created) {
            em.persist(row);
        }
        return toStored(row, changed);
    }

    /** Marks the last good catalog stale; empty when there is none. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Stored> recordFailure(String location, String error) {
        LocationCatalogEntity row = em.find(LocationCatalogEntity.class, location, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            return Optional.empty();
        }
        row.stale = true;
        row.lastError = error;
        row.lastAttemptAt = Instant.now();
        return Optional.of(toStored(row, false));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Stored> all() {
        return em.createQuery("select c from LocationCatalogEntity c order by c.location", LocationCatalogEntity.class)
                .getResultList().stream().map(row -> toStored(row, false)).toList();
    }

    private static Stored toStored(LocationCatalogEntity row, boolean changed) {
        return new Stored(read(row).withFetchedAt(row.fetchedAt), row.stale, row.sourceApi, row.lastError, changed);
    }

    private static LocationVersions read(LocationCatalogEntity row) {
        try {
            return Json.MAPPER.readValue(row.content, LocationVersions.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored catalog of " + row.location + " is unreadable", e);
        }
    }

    /** CloudEvent subject of a location's catalog. */
    public static String subject(String location) {
        return "locations/" + location;
    }
}
