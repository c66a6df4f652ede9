package io.akscompute.emulator;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.AgentPoolType;
import com.azure.resourcemanager.containerservice.models.Code;
import com.azure.resourcemanager.containerservice.models.ContainerServiceVMSizeTypes;
import com.azure.resourcemanager.containerservice.models.KubernetesCluster;
import com.azure.resourcemanager.containerservice.models.LoadBalancerSku;
import com.azure.resourcemanager.containerservice.models.ManagedClusterApiServerAccessProfile;
import com.azure.resourcemanager.resources.ResourceManager;
import io.akscompute.common.azure.AzureClients;
import io.akscompute.common.azure.KubernetesClients;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.akscompute.emulator.Emulated.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cluster's life through the real SDK: create, read, list, scale, use its Kubernetes API, delete. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManagedClusterLifecycleTest {

    private static final String RG = "ml-rg";
    private static final String NAME = "aks1";

    @TempDir
    static Path stateDir;
    static AzureEmulator emulator;
    static AzureClients clients;
    static ContainerServiceManager aks;
    static ManagedClustersClient clusters;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulated.start(stateDir);
        clients = Emulated.clients(emulator);
        aks = clients.containerServiceManager();
        clusters = aks.serviceClient().getManagedClusters();
        ResourceManager resources = clients.resourceManager();
        resources.resourceGroups().define(RG).withRegion("westeurope").create();
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    @Order(1)
    void resourceGroupsExistAfterCreate() {
        ResourceManager resources = clients.resourceManager();
        assertTrue(resources.resourceGroups().contain(RG));
        assertFalse(resources.resourceGroups().contain("nope"));
        assertEquals("westeurope", resources.resourceGroups().getByName(RG).regionName());
    }

    @Test
    @Order(2)
    void createCompletesTheLroAndEveryFieldRoundTrips() {
        ManagedClusterInner created = clusters.createOrUpdateAsync(RG, NAME, Emulated.clusterBody("westeurope"))
                .block(TIMEOUT);

        assertNotNull(created);
        assertEquals("Succeeded", created.provisioningState());
        assertEquals(Code.RUNNING, created.powerState().code());
        assertEquals("westeurope", created.location());
        assertEquals(Map.of("purpose", "test"), created.tags());
        assertEquals("1.31", created.kubernetesVersion());
        assertEquals("1.31.11", created.currentKubernetesVersion());
        assertEquals(1, created.agentPoolProfiles().size());
        assertEquals("agentpool", created.agentPoolProfiles().get(0).name());
        assertEquals(3, created.agentPoolProfiles().get(0).count());
        assertEquals("Standard_D3_v2", created.agentPoolProfiles().get(0).vmSize());
        assertEquals(AgentPoolMode.SYSTEM, created.agentPoolProfiles().get(0).mode());
        assertEquals(LoadBalancerSku.STANDARD, created.networkProfile().loadBalancerSku());
        assertEquals("10.1.0.0/16", created.networkProfile().serviceCidr());
        assertEquals("10.1.0.10", created.networkProfile().dnsServiceIp());
        assertEquals(List.of("203.0.113.0/24"), created.apiServerAccessProfile().authorizedIpRanges());
        assertFalse(created.apiServerAccessProfile().enablePrivateCluster());
        assertTrue(created.fqdn().startsWith("aks1-") && created.fqdn().endsWith(".hcp.westeurope.azmk8s.io"),
                created.fqdn());
        assertNull(created.privateFqdn());
        assertEquals(1, emulator.control().requestCount("ManagedClusters_CreateOrUpdate"));
    }

    @Test
    @Order(3)
    void aCreateOnlyPutIsRefusedWith412WhenTheClusterExistsAndLeavesItAsItWas() {
        ManagedClusterInner other = Emulated.clusterBody("westeurope").withTags(Map.of("purpose", "someone else"));
        String refusals = EmulatorControl.preconditionFailed("ManagedClusters_CreateOrUpdate");
        long refusedBefore = emulator.control().requestCount(refusals);

        ManagementException refused = assertThrows(ManagementException.class,
                () -> clusters.createOrUpdateWithResponseAsync(RG, NAME, other, null, "*").block(TIMEOUT));

        assertEquals(412, refused.getResponse().getStatusCode());
        assertEquals("PreconditionFailed", refused.getValue().getCode());
        assertEquals(refusedBefore + 1, emulator.control().requestCount(refusals), "refused creates, counted apart");
        ManagedClusterInner kept = clusters.getByResourceGroup(RG, NAME);
        assertEquals(Map.of("purpose", "test"), kept.tags());
        assertEquals("Succeeded", kept.provisioningState());
        // and where no cluster of the name exists, the same request creates it
        ManagedClusterInner created = clusters.createOrUpdateAsync(RG, "create-only", other, null, "*").block(TIMEOUT);
        assertEquals(Map.of("purpose", "someone else"), created.tags());
        clusters.delete(RG, "create-only");
    }

    @Test
    @Order(3)
    void privateClusterGetsAPrivateFqdn() {
        ManagedClusterInner body = Emulated.clusterBody("westeurope").withDnsPrefix("priv")
                .withApiServerAccessProfile(new ManagedClusterApiServerAccessProfile()
                        .withEnablePrivateCluster(true).withEnablePrivateClusterPublicFqdn(true));
        ManagedClusterInner created = clusters.createOrUpdateAsync(RG, "private1", body).block(TIMEOUT);

        assertTrue(created.apiServerAccessProfile().enablePrivateCluster());
        assertTrue(created.apiServerAccessProfile().enablePrivateClusterPublicFqdn());
        assertTrue(created.privateFqdn().contains(".privatelink.westeurope.azmk8s.io"), created.privateFqdn());
        assertNotNull(created.fqdn(), "a private cluster with public FQDN keeps a public FQDN");
    }

    @Test
    @Order(4)
    void fluentCreateWithTheDefaultVersion() {
        KubernetesCluster cluster = aks.kubernetesClusters().define("fluent1")
                .withRegion("westeurope")
                .withExistingResourceGroup(RG)
                .withDefaultVersion()
                .withRootUsername("azureuser")
                .withSshKey("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC0 test@example")
                .withSystemAssignedManagedServiceIdentity()
                .defineAgentPool("agentpool")
                    .withVirtualMachineSize(ContainerServiceVMSizeTypes.STANDARD_D2_V2)
                    .withAgentPoolVirtualMachineCount(1)
                    .withAgentPoolType(AgentPoolType.VIRTUAL_MACHINE_SCALE_SETS)
                    .withAgentPoolMode(AgentPoolMode.SYSTEM)
                    .attach()
                .withDnsPrefix("fluent1")
                .createAsync()
                .block(TIMEOUT);

        assertNotNull(cluster);
        assertEquals("Succeeded", cluster.provisioningState());
        assertEquals("1.32.7", cluster.innerModel().currentKubernetesVersion(), "the catalog's default");
        assertNotNull(cluster.systemAssignedManagedServiceIdentityPrincipalId());
    }

    @Test
    @Order(5)
    void getAndListInTheGroupAndTheSubscription() {
        ManagedClusterInner got = clusters.getByResourceGroupAsync(RG, NAME).block(TIMEOUT);
        assertEquals(NAME, got.name());
        assertEquals("Succeeded", got.provisioningState());

        List<String> inGroup = clusters.listByResourceGroup(RG).stream().map(ManagedClusterInner::name)
                .sorted().collect(Collectors.toList());
        assertEquals(List.of("aks1", "fluent1", "private1"), inGroup);
        List<String> inSubscription = aks.kubernetesClusters().list().stream().map(KubernetesCluster::name)
                .sorted().collect(Collectors.toList());
        assertEquals(inGroup, inSubscription);
    }

    @Test
    @Order(6)
    void scaleTheAgentPoolAsAnLro() {
        AgentPoolInner pool = aks.serviceClient().getAgentPools().getAsync(RG, NAME, "agentpool").block(TIMEOUT);
        assertEquals(3, pool.count());

        AgentPoolInner scaled = aks.serviceClient().getAgentPools()
                .createOrUpdateAsync(RG, NAME, "agentpool", pool.withCount(5)).block(TIMEOUT);

        assertEquals(5, scaled.count());
        assertEquals("Succeeded", scaled.provisioningState());
        assertEquals("Standard_D3_v2", scaled.vmSize());
        assertEquals(5, clusters.getByResourceGroup(RG, NAME).agentPoolProfiles().get(0).count());
        assertEquals(1, aks.serviceClient().getAgentPools().list(RG, NAME).stream().count());
    }

    @Test
    @Order(7)
    void changingTheVmSizeIsRefused() {
        AgentPoolInner pool = aks.serviceClient().getAgentPools().get(RG, NAME, "agentpool");
        ManagementException e = assertThrows(ManagementException.class, () -> aks.serviceClient().getAgentPools()
                .createOrUpdateAsync(RG, NAME, "agentpool", pool.withVmSize("Standard_D8_v3")).block(TIMEOUT));
        assertEquals(400, e.getResponse().getStatusCode());
        assertEquals("PropertyChangeNotAllowed", e.getValue().getCode());
    }

    @Test
    @Order(8)
    void adminKubeconfigOpensTheClustersKubernetesApi() {
        byte[] kubeconfig = clusters.listClusterAdminCredentialsAsync(RG, NAME).block(TIMEOUT)
                .kubeconfigs().get(0).value();
        assertTrue(new String(kubeconfig, StandardCharsets.UTF_8).contains("clusterAdmin_" + RG + "_" + NAME));

        try (KubernetesClient k8s = KubernetesClients.fromKubeconfig(kubeconfig)) {
            assertEquals("31", k8s.getKubernetesVersion().getMinor());
            k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("azureml").endMetadata()
                    .build()).create();
            assertNotNull(k8s.namespaces().withName("azureml").get());

            Secret secret = new SecretBuilder().withNewMetadata().withName("azuremlfessl").endMetadata()
                    .addToData("cert.pem", Base64.getEncoder().encodeToString("CERT".getBytes(StandardCharsets.UTF_8)))
                    .build();
            k8s.secrets().inNamespace("azureml").resource(secret).create();
            Secret stored = k8s.secrets().inNamespace("azureml").withName("azuremlfessl").get();
            assertEquals("CERT", new String(Base64.getDecoder().decode(stored.getData().get("cert.pem")),
                    StandardCharsets.UTF_8));

            // The address comes with the next read, as from a real cloud controller: wait for it.
            k8s.services().inNamespace("azureml").resource(loadBalancer("public-fe", Map.of())).create();
            String publicIp = ingressOf(k8s.services().inNamespace("azureml").withName("public-fe")
                    .waitUntilCondition(s -> !ingresses(s).isEmpty(), 10, TimeUnit.SECONDS)).getIp();
            assertTrue(publicIp.startsWith("20."), publicIp);

            k8s.services().inNamespace("azureml").resource(loadBalancer("internal-fe", Map.of(
                    CloudController.INTERNAL, "true", CloudController.INTERNAL_SUBNET, "aks-subnet"))).create();
            String internalIp = ingressOf(k8s.services().inNamespace("azureml").withName("internal-fe").get()).getIp();
            assertTrue(internalIp.startsWith("10.240."), internalIp);

            k8s.services().inNamespace("azureml").resource(loadBalancer("dns-fe", Map.of(
                    CloudController.DNS_LABEL, "myscoring"))).create();
            assertEquals("myscoring.westeurope.cloudapp.azure.com",
                    ingressOf(k8s.services().inNamespace("azureml").withName("dns-fe").get()).getHostname());

            // A patch keeps the address; the same Service deleted and created again gets a new one, as on Azure.
            k8s.services().inNamespace("azureml").withName("public-fe")
                    .edit(s -> new ServiceBuilder(s).editMetadata().addToAnnotations("team", "ml").endMetadata().build());
            assertEquals(publicIp, ingressOf(k8s.services().inNamespace("azureml").withName("public-fe").get()).getIp());
            k8s.services().inNamespace("azureml").withName("dns-fe").delete();
            k8s.services().inNamespace("azureml").resource(loadBalancer("dns-fe", Map.of())).create();
            String recreatedIp = ingressOf(k8s.services().inNamespace("azureml").withName("dns-fe").get()).getIp();
            k8s.services().inNamespace("azureml").withName("dns-fe").delete();
            k8s.services().inNamespace("azureml").resource(loadBalancer("dns-fe", Map.of())).create();
            assertNotEquals(recreatedIp, ingressOf(k8s.services().inNamespace("azureml").withName("dns-fe").get())
                    .getIp(), "a Service created again gets a new address");

            // Switching a public front end to internal with a patch moves its address into the subnet.
            k8s.services().inNamespace("azureml").withName("public-fe")
                    .edit(s -> new ServiceBuilder(s).editMetadata().addToAnnotations(CloudController.INTERNAL, "true")
                            .endMetadata().build());
            assertTrue(ingressOf(k8s.services().inNamespace("azureml").withName("public-fe").get()).getIp()
                    .startsWith("10.240."));

            k8s.apps().deployments().inNamespace("azureml").resource(new DeploymentBuilder()
                    .withNewMetadata().withName("azureml-fe").endMetadata()
                    .withNewSpec().withReplicas(2)
                        .withNewSelector().addToMatchLabels("app", "azureml-fe").endSelector()
                        .withNewTemplate().withNewMetadata().addToLabels("app", "azureml-fe").endMetadata()
                            .withNewSpec().addNewContainer().withName("fe").withImage("azureml-fe:1").endContainer()
                            .endSpec().endTemplate()
                    .endSpec().build()).create();
            Deployment deployment = k8s.apps().deployments().inNamespace("azureml").withName("azureml-fe").get();
            assertEquals(2, deployment.getStatus().getReadyReplicas());

            k8s.secrets().inNamespace("azureml").withName("azuremlfessl").delete();
            assertNull(k8s.secrets().inNamespace("azureml").withName("azuremlfessl").get());
        }
    }

    @Test
    @Order(9)
    void userKubeconfigReachesTheSameApi() {
        byte[] kubeconfig = clusters.listClusterUserCredentialsAsync(RG, NAME).block(TIMEOUT)
                .kubeconfigs().get(0).value();
        try (KubernetesClient k8s = KubernetesClients.fromKubeconfig(kubeconfig)) {
            assertNotNull(k8s.services().inNamespace("azureml").withName("dns-fe").get());
        }
    }

    @Test
    @Order(10)
    void aMissingClusterIsResourceNotFound() {
        ManagementException e = assertThrows(ManagementException.class,
                () -> clusters.getByResourceGroupAsync(RG, "missing").block(TIMEOUT));
        assertEquals(404, e.getResponse().getStatusCode());
        assertEquals("ResourceNotFound", e.getValue().getCode());

        ManagementException noGroup = assertThrows(ManagementException.class,
                () -> clusters.getByResourceGroupAsync("no-such-rg", NAME).block(TIMEOUT));
        assertEquals("ResourceGroupNotFound", noGroup.getValue().getCode());
    }

    @Test
    @Order(11)
    void deleteIsAnLroAndTheClusterIsGone() {
        clusters.deleteAsync(RG, NAME).block(TIMEOUT);

        ManagementException e = assertThrows(ManagementException.class,
                () -> clusters.getByResourceGroupAsync(RG, NAME).block(TIMEOUT));
        assertEquals("ResourceNotFound", e.getValue().getCode());
        assertFalse(emulator.control().clusters().containsKey(
                ArmResources.clusterKey(AzureEmulator.DEFAULT_SUBSCRIPTION_ID, RG, NAME)));
    }

    @Test
    @Order(12)
    void deletingTheResourceGroupTakesItsClusters() {
        clients.resourceManager().resourceGroups().deleteByNameAsync(RG).block(TIMEOUT);
        assertFalse(clients.resourceManager().resourceGroups().contain(RG));
        assertTrue(emulator.control().clusters().isEmpty());
    }

    private static List<LoadBalancerIngress> ingresses(Service service) {
        return service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                || service.getStatus().getLoadBalancer().getIngress() == null
                ? List.of() : service.getStatus().getLoadBalancer().getIngress();
    }

    private static LoadBalancerIngress ingressOf(Service service) {
        List<LoadBalancerIngress> ingresses = ingresses(service);
        assertEquals(1, ingresses.size(), "one ingress for " + service.getMetadata().getName());
        return ingresses.get(0);
    }

    private static Service loadBalancer(String name, Map<String, String> annotations) {
        return new ServiceBuilder()
                .withNewMetadata().withName(name).withAnnotations(annotations).endMetadata()
                .withNewSpec().withType("LoadBalancer").addToSelector("app", "azureml-fe")
                    .addNewPort().withName("https").withPort(443).endPort()
                .endSpec()
                .build();
    }
}
