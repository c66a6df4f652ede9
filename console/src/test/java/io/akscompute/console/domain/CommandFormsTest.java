package io.akscompute.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandFormsTest {

    @Test
    void aCompleteCreateFormIsTheCommandTheHowToDescribes() {
        Map<String, String> form = new HashMap<>(Map.of("computeName", "aks-dev", "location", "westus",
                "clusterPurpose", "DevTest", "agentCount", "1", "agentVmSize", "Standard_D3_v2",
                "loadBalancerType", "PublicIp",
                "sslConfiguration.status", "Auto", "sslConfiguration.leafDomainLabel", "myservice",
                "tags", "team=ml\n\ncost = 42"));
        form.put("sslConfiguration.overwriteExistingDomain", "on");
        form.put("aksNetworkingConfiguration.vnetResourceGroupName", "net-rg");
        form.put("aksNetworkingConfiguration.vnetName", "vnet");
        form.put("aksNetworkingConfiguration.subnetName", "aks-subnet");
        form.put("aksNetworkingConfiguration.serviceCidr", "10.0.0.0/16");
        form.put("aksNetworkingConfiguration.dnsServiceIP", "10.0.0.10");
        form.put("aksNetworkingConfiguration.dockerBridgeCidr", "172.17.0.1/16");

        CommandForms.Checked<CreateCluster> checked = CommandForms.create("ws1", form);

        assertThat(checked.problems()).isEmpty();
        CreateCluster c = checked.command();
        assertThat(c.workspace()).isEqualTo("ws1");
        assertThat(c.clusterPurpose()).isEqualTo(ClusterPurpose.DevTest);
        assertThat(c.agentCount()).isEqualTo(1);
        assertThat(c.loadBalancerType()).isEqualTo(LoadBalancerType.PublicIp);
        assertThat(c.sslConfiguration().status()).isEqualTo(SslStatus.Auto);
        assertThat(c.sslConfiguration().overwriteExistingDomain()).isTrue();
        assertThat(c.aksNetworkingConfiguration()).isEqualTo(new AksNetworkingConfiguration("net-rg", "vnet",
                "aks-subnet", "10.0.0.0/16", "10.0.0.10", "172.17.0.1/16"));
        assertThat(c.tags()).containsExactly(Map.entry("team", "ml"), Map.entry("cost", "42"));
    }

    @Test
    void everyProblemComesAtOnceEachBesideItsField() {
        Map<String, String> form = new HashMap<>(Map.of("computeName", "x", "clusterPurpose", "FastProd",
                "agentCount", "two", "loadBalancerType", "Sideways", "sslConfiguration.status", "Auto"));
        form.put("aksNetworkingConfiguration.vnetName", "vnet");

        CommandForms.Checked<CreateCluster> checked = CommandForms.create("ws1", form);

        Map<String, List<String>> byField = checked.byField(CommandForms.CREATE_FIELDS);
        assertThat(checked.ok()).isFalse();
        assertThat(byField.get("computeName")).singleElement().asString().contains("compute name");
        assertThat(byField.get("agentCount")).containsExactly("agentCount is \"two\"; give a whole number");
        assertThat(byField.get("loadBalancerType")).singleElement().asString()
                .contains("must be one of [PublicIp, InternalLoadBalancer]");
        assertThat(byField.get("sslConfiguration.leafDomainLabel")).isNotEmpty();
        // All six networking fields or none: said once, at the fieldset.
        assertThat(byField.get("aksNetworkingConfiguration")).singleElement().asString().contains("all six");
        assertThat(byField).doesNotContainKey("");
    }

    @Test
    void aProductionClusterWithOneNodeIsRefusedBesideTheNodeCount() {
        CommandForms.Checked<CreateCluster> checked = CommandForms.create("ws1", Map.of("computeName", "aks-prod",
                "clusterPurpose", "FastProd", "agentCount", "1"));

        assertThat(checked.byField(CommandForms.CREATE_FIELDS).get("agentCount")).singleElement().asString()
                .contains("production");
    }

    @Test
    void scaleTakesTheNodeCountOnlyAndUpdateNeedsSomethingToChange() {
        assertThat(CommandForms.scale("ws1", "aks-dev", Map.of("agentCount", "2")).command().agentCount())
                .isEqualTo(2);
        assertThat(CommandForms.scale("ws1", "aks-dev", Map.of("agentCount", "0")).ok()).isFalse();
        assertThat(CommandForms.update("ws1", "aks-dev", Map.of()).byField(CommandForms.UPDATE_FIELDS).get(""))
                .singleElement().asString().contains("changes nothing");
        assertThat(CommandForms.update("ws1", "aks-dev", Map.of("loadBalancerType", "InternalLoadBalancer")).ok())
                .isTrue();
    }

    @Test
    void oversizedFieldsAreRefusedNotRead() {
        CommandForms.Checked<?> checked = CommandForms.attach("ws1", Map.of("computeName", "aks-att",
                "resourceId", "x".repeat(CommandForms.MAX_FIELD + 1)));

        assertThat(checked.byField(CommandForms.ATTACH_FIELDS).get("resourceId")).singleElement().asString()
                .contains("at most 2000");
    }
}
