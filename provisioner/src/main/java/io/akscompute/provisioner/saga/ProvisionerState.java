package io.akscompute.provisioner.saga;

import io.akscompute.common.contract.event.ComputeSnapshot;
import io.akscompute.common.contract.model.AksNetworkingConfiguration;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.saga.TlsConfigured;
import io.akscompute.common.saga.TlsSteps;
import java.time.Instant;
import java.util.Map;

/** The state of a provisioner saga, stored as JSON with it: what was asked, and what each step found or did. */
public class ProvisionerState extends TlsSteps.State {
    // what the command asked for (after Azure ML's defaults)
    public String resourceGroup;
    public String clusterName;
    public Integer agentCount;
    public String agentVmSize;
    public String requestedVmSize;
    public ClusterPurpose purpose;
    public AksNetworkingConfiguration network;
    public String loadBalancerSubnet;
    public String description;
    public Map<String, String> tags;

    // what the steps found and did
    public String kubernetesVersion;
    /** The API server's name, as ARM shows it once the cluster is there. */
    public String clusterFqdn;
    public Instant lroStartedAt;
    public ComputeSnapshot snapshot;
    /** Delete: the provisioner has the compute in its own table. */
    public boolean created;
}
