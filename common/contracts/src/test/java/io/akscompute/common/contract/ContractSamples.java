package io.akscompute.common.contract;

import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.command.DeleteCluster;
import io.akscompute.common.contract.command.DetachCluster;
import io.akscompute.common.contract.command.ReattachCluster;
import io.akscompute.common.contract.command.RepairCompute;
import io.akscompute.common.contract.command.RefreshVersions;
import io.akscompute.common.contract.command.RenewCertificate;
import io.akscompute.common.contract.command.ScaleCluster;
import io.akscompute.common.contract.command.UpdateCluster;
import io.akscompute.common.contract.event.ComputeSnapshot;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.event.CertificateExpiring;
import io.akscompute.common.contract.event.OrphanFound;
import io.akscompute.common.contract.event.ComputeDriftDetected;
import io.akscompute.common.contract.event.DriftDifference;
import io.akscompute.common.contract.event.CertificateExported;
import io.akscompute.common.contract.event.OperationAccepted;
import io.akscompute.common.contract.event.OperationFailed;
import io.akscompute.common.contract.event.OperationProgress;
import io.akscompute.common.contract.event.OperationSucceeded;
import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One realistic instance of every command and status event, as a user or a service would send it. */
public final class ContractSamples {
    private static final String WS = "contoso-ml";
    private static final String COMPUTE = "scoring-aks";
    private static final UUID OPERATION = UUID.fromString("3f6c1a52-8d0e-4b8e-9a57-2f1c0d4e7b91");
    private static final String RESOURCE_ID = "/subscriptions/6a1f9c3e-52b7-4d1e-8f0a-9c2b7e4d1a63/resourceGroups/"
            + "contoso-ml-rg/providers/Microsoft.ContainerService/managedClusters/scoring-aks";

    private static final Map<Class<?>, Object> SAMPLES = Map.ofEntries(
            Map.entry(CreateCluster.class, new CreateCluster(WS, COMPUTE, "westeurope", "contoso-ml-rg", 3,
                    "Standard_D3_v2", ClusterPurpose.FastProd,
                    new AksNetworkingConfiguration("contoso-net-rg", "contoso-vnet", "aks-subnet", "10.0.0.0/16",
                            "10.0.0.10", "172.17.0.1/16"),
                    LoadBalancerType.PublicIp, null,
                    new SslConfiguration(SslStatus.Auto, null, null, "contoso-scoring", false, true),
                    "real-time scoring for the recommender", Map.of("team", "ml-platform", "costCenter", "4711"))),
            Map.entry(DeleteCluster.class, new DeleteCluster(WS, COMPUTE)),
            Map.entry(ScaleCluster.class, new ScaleCluster(WS, COMPUTE, 5, "Standard_D3_v2")),
            Map.entry(AttachCluster.class, new AttachCluster(WS, "shared-aks", RESOURCE_ID, null, null,
                    ClusterPurpose.DevTest, LoadBalancerType.InternalLoadBalancer, "aks-subnet", null,
                    "team cluster, internal endpoint")),
            Map.entry(DetachCluster.class, new DetachCluster(WS, COMPUTE)),
            Map.entry(UpdateCluster.class, new UpdateCluster(WS, COMPUTE,
                    SslConfiguration.custom("cert-0b7e2d94", "scoring.contoso.com"), LoadBalancerType.PublicIp, null)),
            Map.entry(ReattachCluster.class, new ReattachCluster(WS, COMPUTE)),
            Map.entry(RepairCompute.class, new RepairCompute(WS, COMPUTE)),
            Map.entry(RenewCertificate.class, new RenewCertificate(WS, COMPUTE)),
            Map.entry(RefreshVersions.class, new RefreshVersions(WS, List.of("westeurope", "eastus2"))),
            Map.entry(OperationAccepted.class, new OperationAccepted(OPERATION, WS, COMPUTE, "CreateCluster",
                    Instant.parse("2026-11-27T09:15:30.123Z"))),
            Map.entry(OperationProgress.class, new OperationProgress(OPERATION, WS, COMPUTE, "CreateCluster",
                    "create-cluster", 4, 6, "creating AKS cluster scoring-aks in westeurope (about 10 minutes)",
                    List.of("Azure throttled the request; retrying in 20 s"))),
            Map.entry(OperationSucceeded.class, new OperationSucceeded(OPERATION, WS, COMPUTE, "CreateCluster",
                    snapshot(), "compute scoring-aks is ready at https://contoso-scoring4f2a9c.westeurope.cloudapp.azure.com")),
            Map.entry(OperationFailed.class, new OperationFailed(OPERATION, WS, COMPUTE, "CreateCluster",
                    ErrorCode.ValidationFailed, "the command breaks 2 rules",
                    List.of(new Detail("agentCount", "agentCount is 2; a production cluster (clusterPurpose FastProd) "
                                    + "needs at least 3 nodes; use clusterPurpose DevTest for a smaller dev/test cluster"),
                            new Detail("sslConfiguration.cname", "cname is missing; certificateRef and cname go together")),
                    List.of())),
            Map.entry(LocationVersions.class, new LocationVersions("westeurope", "1.32.7", List.of(
                    new LocationVersions.MinorVersion("1.33", false, true, List.of(LocationVersions.KUBERNETES_OFFICIAL),
                            List.of(new LocationVersions.PatchVersion("1.33.3", false, List.of()))),
                    new LocationVersions.MinorVersion("1.32", true, false,
                            List.of(LocationVersions.KUBERNETES_OFFICIAL, LocationVersions.AKS_LONG_TERM_SUPPORT),
                            List.of(new LocationVersions.PatchVersion("1.32.7", true, List.of("1.33.3")),
                                    new LocationVersions.PatchVersion("1.32.6", false, List.of("1.32.7", "1.33.3"))))),
                    Instant.parse("2026-11-27T09:00:00Z"), List.of(
                    new LocationVersions.VmSize("Standard_D4s_v5", "standardDSv5Family", 4, 16, null),
                    new LocationVersions.VmSize("Standard_NC24rs_v3", "standardNCSv3Family", 24, 448,
                            "NotAvailableForSubscription")))),
            Map.entry(CertificateExpiring.class, new CertificateExpiring(
                    UUID.fromString("7d2e4f10-3b6a-5c1d-9e8f-0a1b2c3d4e5f"), WS, COMPUTE, CertificateExpiring.OPERATION,
                    "cert-0b7e2d94", "scoring.contoso.com", Instant.parse("2026-12-27T00:00:00Z"), false,
                    "the certificate cert-0b7e2d94 for scoring.contoso.com expires 2026-12-27T00:00:00Z")),
            Map.entry(OrphanFound.class, new OrphanFound(UUID.fromString("5b1c7e22-8d4f-3a60-b2c9-4e5f6a7b8c9d"), WS,
                    COMPUTE, OrphanFound.OPERATION, "cluster", "/subscriptions/00000000-0000-0000-0000-000000000001"
                            + "/resourceGroups/ml-rg/providers/Microsoft.ContainerService/managedClusters/aks-1a2b3c",
                    false, "CreateCluster 2f9c... failed and could not delete the cluster")),
            Map.entry(CertificateExported.class, new CertificateExported(
                    UUID.fromString("0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f"), WS, CertificateExported.NO_COMPUTE,
                    CertificateExported.OPERATION, "cert-0b7e2d94", "scoring.contoso.com",
                    "9F:86:D0:81:88:4C:7D:65:9A:2F:EA:A0:C5:5A:D0:15:A3:BF:4F:1B:2B:0B:82:2C:D1:5D:6C:15:B0:F0:0A:08",
                    "alice@contoso.com", Instant.parse("2026-11-30T12:00:00Z"))),
            Map.entry(ComputeDriftDetected.class, new ComputeDriftDetected(
                    UUID.fromString("3e4f5a6b-7c8d-3e9f-a0b1-c2d3e4f5a6b7"), WS, COMPUTE, ComputeDriftDetected.OPERATION,
                    List.of(new DriftDifference("loadBalancerType", "PublicIp", "InternalLoadBalancer"),
                            new DriftDifference("frontEnd.deployment", "present", "missing")),
                    Instant.parse("2026-11-30T12:10:00Z"), snapshot(),
                    "compute scoring-aks drifted in 2 fields: loadBalancerType, frontEnd.deployment; RepairCompute "
                            + "puts them back")));

    private ContractSamples() {
    }

    public static Object of(Class<?> contract) {
        Object sample = SAMPLES.get(contract);
        if (sample == null) {
            throw new IllegalStateException("no sample for " + contract.getName() + "; add one to ContractSamples");
        }
        return sample;
    }

    private static ComputeSnapshot snapshot() {
        return new ComputeSnapshot(WS, COMPUTE, "Succeeded", List.of(), false, RESOURCE_ID, "westeurope",
                Instant.parse("2026-11-27T09:15:30Z"), Instant.parse("2026-11-27T09:27:02Z"),
                "real-time scoring for the recommender",
                new ComputeSnapshot.Properties("scoring-aks-dns-1b2c3d4e.hcp.westeurope.azmk8s.io",
                        List.of(new ComputeSnapshot.SystemService("ScoringFrontEnd", "20.73.112.45", "1.2.0")),
                        3, "Standard_D3_v2", ClusterPurpose.FastProd,
                        new ComputeSnapshot.Ssl(SslStatus.Auto, null, null, "contoso-scoring",
                                "contoso-scoring4f2a9c.westeurope.cloudapp.azure.com"),
                        new AksNetworkingConfiguration("contoso-net-rg", "contoso-vnet", "aks-subnet", "10.0.0.0/16",
                                "10.0.0.10", "172.17.0.1/16"),
                        LoadBalancerType.PublicIp, null, "1.30.5"));
    }
}
