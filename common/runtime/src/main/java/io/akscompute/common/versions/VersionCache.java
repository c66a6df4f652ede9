package io.akscompute.common.versions;

import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.LocationVersions;
import io.akscompute.common.rules.KubernetesVersions;
import io.akscompute.common.rules.Locations;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Every location's catalog as version-catalog last published it on the compacted topic {@code aks.versions}
 * (event-carried state: it keeps answering while version-catalog is down). Each instance reads the whole topic
 * from the beginning; a record it cannot read is logged and skipped, never fatal to the channel.
 */
@ApplicationScoped
public class VersionCache {
    private static final Logger LOG = Logger.getLogger(VersionCache.class);
    public static final String CE_TYPE = CloudEventTypes.of("LocationVersions");

    private final Map<String, LocationVersions> byLocation = new ConcurrentHashMap<>();

    public Optional<LocationVersions> get(String location) {
        return location == null ? Optional.empty()
                : Optional.ofNullable(byLocation.get(Locations.normalize(location)));
    }

    /** The patch version a create uses in that location; empty while the location is unknown. */
    public Optional<String> defaultVersion(String location) {
        return get(location).map(LocationVersions::defaultVersion);
    }

    /** Patch ({@code 1.32.7}) or minor ({@code 1.32}) version; false while the location is unknown. */
    public boolean isSupported(String location, String version) {
        return get(location).map(c -> KubernetesVersions.isSupported(c, version)).orElse(false);
    }

    /** Patch versions offered, newest first; empty while the location is unknown. */
    public List<String> supportedVersions(String location) {
        return get(location).map(KubernetesVersions::supportedVersions).orElse(List.of());
    }

    /** Locations seen so far. */
    public List<String> locations() {
        return byLocation.keySet().stream().sorted().toList();
    }

    @Incoming("versions")
    public CompletionStage<Void> onRecord(Message<String> message) {
        try {
            var meta = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
            Object key = meta == null ? null : meta.getKey();
            accept(key == null ? null : key.toString(), meta == null ? null : header(meta, "ce_type"),
                    message.getPayload());
        } catch (RuntimeException e) {
            LOG.warnf("aks.versions: skipping a record that could not be read: %s", e.toString());
        }
        return message.ack();
    }

    /** Applies one record of the topic; package-visible for tests. Returns whether the cache changed. */
    boolean accept(String key, String ceType, String payload) {
        if (key == null || key.isBlank()) {
            LOG.warn("aks.versions: skipping a record without key");
            return false;
        }
        String location = Locations.normalize(key);
        if (payload == null) {
            // A tombstone: the location is no longer offered.
            return byLocation.remove(location) != null;
        }
        if (ceType != null && !CE_TYPE.equals(ceType)) {
            LOG.warnf("aks.versions: skipping record %s of type %s (expected %s)", key, ceType, CE_TYPE);
            return false;
        }
        LocationVersions catalog;
        try {
            catalog = Json.MAPPER.readValue(payload, LocationVersions.class);
        } catch (Exception e) {
            LOG.warnf("aks.versions: skipping record %s that is not a LocationVersions: %s", key, e.getMessage());
            return false;
        }
        if (catalog.versions() == null || catalog.versions().stream().anyMatch(m -> m == null || m.patchVersions() == null
                || m.patchVersions().stream().anyMatch(p -> p == null || p.version() == null))) {
            LOG.warnf("aks.versions: skipping record %s with incomplete versions", key);
            return false;
        }
        if (!location.equals(Locations.normalize(catalog.location()))) {
            LOG.warnf("aks.versions: skipping record keyed %s that describes location %s", key, catalog.location());
            return false;
        }
        // A fetchedAt ahead of this clock (skew, or a forged record) counts as now: it cannot pin the location.
        Instant now = Instant.now();
        if (catalog.fetchedAt() != null && catalog.fetchedAt().isAfter(now)) {
            catalog = catalog.withFetchedAt(now);
        }
        LocationVersions previous = byLocation.get(location);
        if (previous != null && previous.fetchedAt() != null && catalog.fetchedAt() != null
                && catalog.fetchedAt().isBefore(previous.fetchedAt())) {
            return false; // an older catalog replayed out of order
        }
        byLocation.put(location, catalog);
        return true;
    }

    private static String header(IncomingKafkaRecordMetadata<?, ?> meta, String name) {
        Header h = meta.getHeaders().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
