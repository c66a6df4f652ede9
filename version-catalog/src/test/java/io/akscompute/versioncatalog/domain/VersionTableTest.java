package io.akscompute.versioncatalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.LocationVersions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionTableTest {

    @Test
    void theHowToExampleReadThroughTheOrchestratorsApiPrintsExactlyTheHowToTable() {
        LocationVersions catalog = VersionNormalizer.fromCurrent("westus", HowToExample.current(), Instant.now());

        assertThat(VersionTable.render(catalog, VersionTable.ORCHESTRATORS_API)).isEqualTo(HowToExample.table());
    }

    @Test
    void aCatalogOfTheCurrentApiPrintsTodaysAzTableWithPreviewAndSupportPlans() {
        LocationVersions catalog = VersionNormalizer.fromCurrent("westus", List.of(
                new CurrentMinorVersion("1.33", false, true, List.of("KubernetesOfficial"),
                        Map.of("1.33.2", List.of())),
                new CurrentMinorVersion("1.32", true, false, List.of("KubernetesOfficial", "AKSLongTermSupport"),
                        Map.of("1.32.7", List.of("1.33.2"), "1.32.6", List.of("1.33.2", "1.32.7")))), Instant.now());

        assertThat(VersionTable.render(catalog, "kubernetesVersions")).isEqualTo("""
                KubernetesVersion    IsPreview    Upgrades        SupportPlan
                -------------------  -----------  --------------  --------------------------------------
                1.33.2               True         None available  KubernetesOfficial
                1.32.7               False        1.33.2          KubernetesOfficial, AKSLongTermSupport
                1.32.6               False        1.32.7, 1.33.2  KubernetesOfficial, AKSLongTermSupport
                """);
    }

    @Test
    void theDefaultPrintsAsTheHowToQueryDoes() {
        assertThat(VersionTable.renderDefault("1.16.13")).isEqualTo(HowToExample.defaultTable());
    }

    @Test
    void narrowValuesKeepTheHeaderWidthAndWideOnesWidenTheColumn() {
        LocationVersions catalog = VersionNormalizer.fromCurrent("eastus", List.of(
                new CurrentMinorVersion("1.32", true, false, null, Map.of("1.32.7", List.of()))), Instant.now());

        assertThat(VersionTable.renderOrchestrators(catalog)).isEqualTo("""
                KubernetesVersion    Upgrades
                -------------------  --------------
                1.32.7               None available
                """);
    }
}
