package io.akscompute.common.rules;

import static io.akscompute.common.rules.Fixtures.createWithNetwork;
import static io.akscompute.common.rules.Fixtures.network;
import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkingPreflightTest {

    private static List<Detail> check(AksNetworkingConfiguration network) {
        return Preflight.check(createWithNetwork(network));
    }

    @Test
    void validNetworkingPasses() {
        assertThat(check(Fixtures.validNetwork())).isEmpty();
    }

    @Test
    void emptyObjectMeansDefaultNetworking() {
        assertThat(check(new AksNetworkingConfiguration(null, null, null, null, null, null))).isEmpty();
    }

    @Test
    void partialFieldsNameTheMissingOnes() {
        List<Detail> details = check(new AksNetworkingConfiguration("vnet-rg", null, "aks-subnet", "10.0.0.0/16",
                null, ""));
        assertThat(details).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("aksNetworkingConfiguration");
            assertThat(d.message()).contains("all six fields or none", "missing: vnetName, dnsServiceIP, dockerBridgeCidr");
        });
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '"', value = {
            "10.0.0.0, prefix length is missing",
            "10.0.0.0/33, '33' is not a number from 0 to 32",
            "10.0.0/16, four numbers",
            "10.0.0.256/16, '256' is not a number from 0 to 255",
            "10.0.0.01/16, '01' is not a number",
            "ten.0.0.0/8, 'ten'",
            "10.0.0.0/, prefix length '' is not a number"
    })
    void badServiceCidrSyntax(String cidr, String reason) {
        assertThat(check(network(cidr, "10.0.0.10", "172.17.0.1/16"))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("aksNetworkingConfiguration.serviceCidr");
            assertThat(d.message()).contains("serviceCidr '" + cidr + "'", "not a valid IPv4 CIDR", reason,
                    "10.0.0.0/16");
        });
    }

    @Test
    void badDockerBridgeCidrSyntax() {
        assertThat(check(network("10.0.0.0/16", "10.0.0.10", "172.17.0.1"))).extracting(Detail::field)
                .containsExactly("aksNetworkingConfiguration.dockerBridgeCidr");
    }

    @Test
    void badDnsServiceIpSyntax() {
        assertThat(check(network("10.0.0.0/16", "10.0.0.10/32", "172.17.0.1/16"))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("aksNetworkingConfiguration.dnsServiceIP");
            assertThat(d.message()).contains("not a valid IPv4 address");
        });
    }

    @Test
    void dnsServiceIpOutsideServiceCidr() {
        assertThat(check(network("10.0.0.0/16", "10.1.0.10", "172.17.0.1/16"))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("aksNetworkingConfiguration.dnsServiceIP");
            assertThat(d.message()).contains("10.1.0.10 is outside serviceCidr 10.0.0.0/16", "e.g. 10.0.0.10");
        });
    }

    @Test
    void dnsServiceIpEqualToTheNetworkAddress() {
        assertThat(check(network("10.0.0.0/16", "10.0.0.0", "172.17.0.1/16"))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("aksNetworkingConfiguration.dnsServiceIP");
            assertThat(d.message()).contains("network address");
        });
    }

    @Test
    void dnsServiceIpEqualToTheFirstAddress() {
        assertThat(check(network("10.2.0.0/24", "10.2.0.1", "172.17.0.1/16"))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("aksNetworkingConfiguration.dnsServiceIP");
            assertThat(d.message()).contains("first address", "API server", "e.g. 10.2.0.10");
        });
    }

    @Test
    void secondAddressIsAllowed() {
        assertThat(check(network("10.2.0.0/24", "10.2.0.2", "172.17.0.1/16"))).isEmpty();
    }

    @Test
    void overlappingCidrs() {
        assertThat(check(network("172.16.0.0/12", "172.16.0.10", "172.17.0.1/16"))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("aksNetworkingConfiguration.dockerBridgeCidr");
            assertThat(d.message()).contains("172.17.0.0/16 overlaps serviceCidr 172.16.0.0/12");
        });
    }

    @Test
    void adjacentCidrsDoNotOverlap() {
        assertThat(check(network("10.0.0.0/16", "10.0.0.10", "10.1.0.0/16"))).isEmpty();
    }

    @Test
    void partialFieldsAreStillCheckedForSyntax() {
        List<Detail> details = check(new AksNetworkingConfiguration(null, null, null, "10.0.0.0/99", null, null));
        assertThat(details).extracting(Detail::field)
                .containsExactly("aksNetworkingConfiguration", "aksNetworkingConfiguration.serviceCidr");
    }
}
