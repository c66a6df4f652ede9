package io.akscompute.versioncatalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.LocationVersions;
import io.akscompute.common.contract.LocationVersions.MinorVersion;
import io.akscompute.common.contract.LocationVersions.PatchVersion;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionNormalizerTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void theCurrentApiIsGroupedNewestFirstWithTheNewestPatchOfTheDefaultMinorAsDefault() {
        LocationVersions catalog = VersionNormalizer.fromCurrent("westus", HowToExample.current(), NOW);

        assertThat(catalog.location()).isEqualTo("westus");
        assertThat(catalog.defaultVersion()).isEqualTo("1.16.13");
        assertThat(catalog.fetchedAt()).isEqualTo(NOW);
        assertThat(catalog.versions()).extracting(MinorVersion::version).containsExactly("1.18", "1.17", "1.16", "1.15");
        MinorVersion preview = catalog.versions().get(0);
        assertThat(preview.isPreview()).isTrue();
        assertThat(preview.patchVersions()).extracting(PatchVersion::version).containsExactly("1.18.6", "1.18.4");
        MinorVersion defaultMinor = catalog.versions().get(2);
        assertThat(defaultMinor.isDefault()).isTrue();
        assertThat(defaultMinor.patchVersions()).containsExactly(
                new PatchVersion("1.16.13", true, List.of("1.17.7", "1.17.9")),
                new PatchVersion("1.16.10", false, List.of("1.16.13", "1.17.7", "1.17.9")));
        assertThat(catalog.versions()).allSatisfy(m ->
                assertThat(m.supportPlan()).containsExactly(LocationVersions.KUBERNETES_OFFICIAL));
    }

    @Test
    void theLegacyApiGivesTheSameCatalog() {
        assertThat(VersionNormalizer.fromLegacy("westus", HowToExample.legacy(), NOW))
                .isEqualTo(VersionNormalizer.fromCurrent("westus", HowToExample.current(), NOW));
    }

    @Test
    void supportPlansAreKeptLongTermSupportIncluded() {
        LocationVersions catalog = VersionNormalizer.fromCurrent("westeurope", List.of(
                new CurrentMinorVersion("1.30", null, null, List.of("AKSLongTermSupport"),
                        Map.of("1.30.14", List.of("1.31.11"))),
                new CurrentMinorVersion("1.31", true, false, List.of("AKSLongTermSupport", "KubernetesOfficial"),
                        Map.of("1.31.11", List.of()))), NOW);

        assertThat(catalog.versions()).extracting(MinorVersion::supportPlan).containsExactly(
                List.of("KubernetesOfficial", "AKSLongTermSupport"), List.of("AKSLongTermSupport"));
    }

    @Test
    void patchesAndUpgradesSortNumericallyNotAsText() {
        LocationVersions catalog = VersionNormalizer.fromCurrent("eastus", List.of(
                new CurrentMinorVersion("1.32", true, false, null, Map.of(
                        "1.32.9", List.of("1.32.10", "1.33.2"),
                        "1.32.10", List.of("1.33.10", "1.33.2")))), NOW);

        assertThat(catalog.defaultVersion()).isEqualTo("1.32.10");
        assertThat(catalog.versions().get(0).patchVersions()).containsExactly(
                new PatchVersion("1.32.10", true, List.of("1.33.2", "1.33.10")),
                new PatchVersion("1.32.9", false, List.of("1.32.10", "1.33.2")));
    }

    @Test
    void withoutAFlaggedDefaultTheNewestGenerallyAvailablePatchIsTheDefault() {
        LocationVersions catalog = VersionNormalizer.fromCurrent("eastus", List.of(
                new CurrentMinorVersion("1.33", null, true, null, Map.of("1.33.3", List.of())),
                new CurrentMinorVersion("1.32", null, null, null, Map.of("1.32.6", List.of(), "1.32.7", List.of()))),
                NOW);

        assertThat(catalog.defaultVersion()).isEqualTo("1.32.7");
    }

    @Test
    void entriesAzureLeavesHalfEmptyAreSkippedNotFatal() {
        LocationVersions current = VersionNormalizer.fromCurrent("eastus", Arrays.asList(null,
                new CurrentMinorVersion(null, true, null, null, Map.of("1.1.1", List.of())),
                new CurrentMinorVersion("1.31", null, null, null, null),
                new CurrentMinorVersion("1.32", true, null, null, Map.of("1.32.7", Arrays.asList("1.33.1", null)))),
                NOW);
        assertThat(current.versions()).extracting(MinorVersion::version).containsExactly("1.32");
        assertThat(current.versions().get(0).patchVersions().get(0).upgrades()).containsExactly("1.33.1");

        LocationVersions legacy = VersionNormalizer.fromLegacy("eastus", Arrays.asList(null,
                new LegacyOrchestrator("DCOS", "1.11", true, null, null),
                new LegacyOrchestrator(null, "1.32.7", true, null, null)), NOW);
        assertThat(legacy.defaultVersion()).isEqualTo("1.32.7");
        assertThat(legacy.versions()).extracting(MinorVersion::version).containsExactly("1.32");
    }
}
