package io.akscompute.versioncatalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.LocationVersions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionTableTest {

    @Test
    void theHowToExamplePrintsExactlyTheHowToTable() {
        LocationVersions catalog = VersionNormalizer.fromCurrent("westus", HowToExample.current(), Instant.now());

        assertThat(VersionTable.render(catalog)).isEqualTo(HowToExample.table());
    }

    @Test
    void theDefaultPrintsAsTheHowToQueryDoes() {
        assertThat(VersionTable.renderDefault("1.16.13")).isEqualTo(HowToExample.defaultTable());
    }

    @Test
    void narrowValuesKeepTheHeaderWidthAndWideOnesWidenTheColumn() {
        LocationVersions catalog = VersionNormalizer.fromCurrent("eastus", List.of(
                new CurrentMinorVersion("1.32", true, false, null, Map.of("1.32.7", List.of()))), Instant.now());

        assertThat(VersionTable.render(catalog)).isEqualTo("""
                KubernetesVersion    Upgrades
                -------------------  --------------
                1.32.7               None available
                """);
    }
}
