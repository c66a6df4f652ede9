package io.akscompute.common.versions;

import io.akscompute.common.rules.KubernetesVersions;
import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.LocationVersions;
import io.akscompute.common.contract.LocationVersions.MinorVersion;
import io.akscompute.common.contract.LocationVersions.PatchVersion;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionCacheTest {
    private static final String TYPE = VersionCache.CE_TYPE;

    static LocationVersions catalog(String location, Instant fetchedAt) {
        return new LocationVersions(location, "1.32.10", List.of(
                new MinorVersion("1.33", false, true, List.of("KubernetesOfficial"),
                        List.of(new PatchVersion("1.33.2", false, List.of()))),
                new MinorVersion("1.32", true, false, List.of("KubernetesOfficial", "AKSLongTermSupport"),
                        List.of(new PatchVersion("1.32.10", true, List.of("1.33.2")),
                                new PatchVersion("1.32.9", false, List.of("1.32.10", "1.33.2"))))), fetchedAt);
    }

    @Test
    void answersFromTheLastRecordOfALocation() {
        VersionCache cache = new VersionCache();
        assertThat(cache.accept("westus", TYPE, Json.write(catalog("westus", Instant.now())))).isTrue();

        assertThat(cache.defaultVersion("westus")).contains("1.32.10");
        assertThat(cache.defaultVersion("West US")).contains("1.32.10");
        assertThat(cache.supportedVersions("westus")).containsExactly("1.33.2", "1.32.10", "1.32.9");
        assertThat(cache.isSupported("westus", "1.32.9")).isTrue();
        assertThat(cache.isSupported("westus", "1.32")).isTrue();
        assertThat(cache.isSupported("westus", "1.31.1")).isFalse();
        assertThat(cache.isSupported("eastus", "1.32.9")).isFalse();
        assertThat(cache.supportedVersions("eastus")).isEmpty();
        assertThat(cache.get("eastus")).isEmpty();
    }

    @Test
    void badRecordsAreSkippedAndTheCacheKeepsWorking() {
        VersionCache cache = new VersionCache();
        Instant t = Instant.parse("2026-11-27T10:00:00Z");
        cache.accept("westus", TYPE, Json.write(catalog("westus", t)));

        assertThat(cache.accept("westus", TYPE, "this is { not json")).isFalse();
        assertThat(cache.accept("westus", TYPE, "{\"location\":\"westus\"}")).isFalse();
        assertThat(cache.accept("westus", "akscompute.Other.v1", Json.write(catalog("westus", t)))).isFalse();
        assertThat(cache.accept("eastus", TYPE, Json.write(catalog("westus", t)))).isFalse();
        assertThat(cache.accept(null, TYPE, Json.write(catalog("westus", t)))).isFalse();
        assertThat(cache.accept("westus", TYPE, Json.write(catalog("westus", t.minusSeconds(60))))).isFalse();

        assertThat(cache.get("westus")).contains(catalog("westus", t));
        assertThat(cache.get("eastus")).isEmpty();
        assertThat(cache.accept("eastus", TYPE, Json.write(catalog("eastus", t)))).isTrue();
        assertThat(cache.locations()).containsExactly("eastus", "westus");
    }

    @Test
    void aCatalogFromTheFutureCannotPinALocation() {
        VersionCache cache = new VersionCache();
        assertThat(cache.accept("westus", TYPE, Json.write(catalog("westus", Instant.parse("2999-01-01T00:00:00Z")))))
                .isTrue();
        assertThat(cache.get("westus").orElseThrow().fetchedAt()).isBeforeOrEqualTo(Instant.now());

        // the next genuine catalog replaces it
        LocationVersions next = catalog("westus", Instant.now());
        assertThat(cache.accept("westus", TYPE, Json.write(next))).isTrue();
        assertThat(cache.get("westus")).contains(next);
    }

    @Test
    void aTombstoneForgetsTheLocation() {
        VersionCache cache = new VersionCache();
        cache.accept("westus", TYPE, Json.write(catalog("westus", Instant.now())));

        assertThat(cache.accept("westus", null, null)).isTrue();
        assertThat(cache.get("westus")).isEmpty();
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(KubernetesVersions.compare("1.32.10", "1.32.9")).isPositive();
        assertThat(KubernetesVersions.compare("1.9", "1.10")).isNegative();
        assertThat(KubernetesVersions.compare("1.32", "1.32.0")).isNegative();
        assertThat(KubernetesVersions.compare("1.32.7", "1.32.7")).isZero();
    }
}
