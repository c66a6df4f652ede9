package io.akscompute.common.rules;

import static io.akscompute.common.rules.Fixtures.WS;
import static io.akscompute.common.rules.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.command.DeleteCluster;
import io.akscompute.common.contract.command.DetachCluster;
import io.akscompute.common.contract.command.ReattachCluster;
import io.akscompute.common.contract.command.RepairCompute;
import io.akscompute.common.contract.command.RefreshVersions;
import io.akscompute.common.contract.command.RenewCertificate;
import io.akscompute.common.contract.command.ScaleCluster;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OtherCommandsPreflightTest {

    @Test
    void commandsWithOnlyANamePass() {
        assertThat(Preflight.check(new DeleteCluster(WS, "myaks"))).isEmpty();
        assertThat(Preflight.check(new DetachCluster(WS, "myaks"))).isEmpty();
        assertThat(Preflight.check(new ReattachCluster(WS, "myaks"))).isEmpty();
        assertThat(Preflight.check(new RenewCertificate(WS, "myaks"))).isEmpty();
        assertThat(Preflight.check(new RepairCompute(WS, "myaks"))).isEmpty();
        assertThat(Preflight.check(new RepairCompute(WS, "9lives"))).extracting(Detail::field)
                .containsExactly("computeName");
    }

    @Test
    void updateMustChangeSomething() {
        assertThat(Preflight.check(update(null, null, null))).singleElement().satisfies(d -> {
            assertThat(d.field()).isNull();
            assertThat(d.message()).contains("changes nothing", "sslConfiguration", "loadBalancerType");
        });
    }

    @Test
    void validUpdatesPass() {
        assertThat(Preflight.check(update(null, LoadBalancerType.InternalLoadBalancer, "aks-subnet"))).isEmpty();
        assertThat(Preflight.check(update(SslConfiguration.auto("contoso"), null, null))).isEmpty();
        assertThat(Preflight.check(update(new SslConfiguration(SslStatus.Disabled, null, null, null, null, null),
                LoadBalancerType.InternalLoadBalancer, "aks-subnet"))).isEmpty();
    }

    @Test
    void updateChecksTlsAndLoadBalancer() {
        assertThat(Preflight.check(update(SslConfiguration.auto("contoso"), LoadBalancerType.InternalLoadBalancer,
                "aks-subnet"))).extracting(Detail::field).containsExactly("loadBalancerType");
        assertThat(Preflight.check(update(null, null, "aks-subnet"))).extracting(Detail::field)
                .containsExactly(null, "loadBalancerSubnet");
        assertThat(Preflight.check(update(SslConfiguration.custom("cert-1", null), null, null)))
                .extracting(Detail::field).containsExactly("sslConfiguration.cname");
    }

    @Test
    void scaleNeedsAtLeastOneNode() {
        assertThat(Preflight.check(new ScaleCluster(WS, "myaks", 1, null))).isEmpty();
        // purpose minimums are the provisioner's: it knows the cluster
        assertThat(Preflight.check(new ScaleCluster(WS, "myaks", 2, "Standard_D3_v2"))).isEmpty();
        assertThat(Preflight.check(new ScaleCluster(WS, "myaks", 0, null))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("agentCount");
            assertThat(d.message()).contains("agentCount is 0", "at least 1 node");
        });
        assertThat(Preflight.check(new ScaleCluster(WS, "myaks", null, null))).singleElement().satisfies(d ->
                assertThat(d.message()).contains("agentCount is missing"));
    }

    @Test
    void refreshWithoutLocationsMeansAllConfigured() {
        assertThat(Preflight.check(new RefreshVersions(WS, null))).isEmpty();
        assertThat(Preflight.check(new RefreshVersions(WS, List.of()))).isEmpty();
        assertThat(Preflight.check(new RefreshVersions(WS, List.of("westus", "eastus2", "ch")))).isEmpty();
    }

    @Test
    void refreshLocationRules() {
        List<Detail> details = Preflight.check(new RefreshVersions(WS,
                Arrays.asList("westus", "west_us", "w", "West US", null, "l".repeat(41))));
        assertThat(details).extracting(Detail::field)
                .containsExactly("locations[1]", "locations[2]", "locations[3]", "locations[4]", "locations[5]");
        assertThat(details.get(0).message()).contains("'west_us'", "lowercase letters and digits");
        assertThat(details.get(1).message()).contains("1 characters long", "2 to 40");
        // A display name is the ARM name written differently: the same location twice.
        assertThat(details.get(2).message()).contains("'westus' is listed twice", "locations[0]");
        assertThat(details.get(3).message()).contains("missing");
        assertThat(details.get(4).message()).contains("41 characters long");
    }

    @Test
    void atMostFiftyLocations() {
        List<String> fifty = IntStream.range(0, 50).mapToObj(i -> "region" + i).toList();
        assertThat(Preflight.check(new RefreshVersions(WS, fifty))).isEmpty();
        List<String> fiftyOne = new ArrayList<>(fifty);
        fiftyOne.add("region50");
        assertThat(Preflight.check(new RefreshVersions(WS, fiftyOne))).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("locations");
            assertThat(d.message()).contains("51 locations", "at most 50");
        });
    }

    @Test
    void unknownCommandTypeIsAProgrammingError() {
        Command unknown = new Command() {
            @Override
            public String workspace() {
                return WS;
            }

            @Override
            public String computeName() {
                return "myaks";
            }
        };
        assertThatThrownBy(() -> Preflight.check(unknown)).isInstanceOf(IllegalArgumentException.class);
    }
}
