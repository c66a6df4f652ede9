package io.akscompute.client;

import io.akscompute.common.contract.command.DeleteCluster;
import io.akscompute.common.contract.command.DetachCluster;
import io.akscompute.common.contract.command.ReattachCluster;
import io.akscompute.common.contract.command.RepairCompute;
import io.akscompute.common.contract.command.ScaleCluster;

/** The compute targets of one workspace, as {@code ComputeTarget.create/attach} and an AksCompute's methods. */
public final class Workspace {
    private final AksComputeClient client;
    private final String name;

    Workspace(AksComputeClient client, String name) {
        this.client = client;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** {@code ComputeTarget.create(ws, name, AksCompute.provisioning_configuration(...))}: a new AKS cluster. */
    public Operation create(String computeName, ProvisioningConfiguration configuration) {
        return client.submit(configuration.command(name, computeName));
    }

    /** {@code ComputeTarget.attach(ws, name, AksCompute.attach_configuration(...))}: an existing cluster. */
    public Operation attach(String computeName, AttachConfiguration configuration) {
        return client.submit(configuration.command(name, computeName));
    }

    /** {@code aks_target.update(AksUpdateConfiguration(...))}: the endpoint's load balancer or TLS. */
    public Operation update(String computeName, UpdateConfiguration configuration) {
        return client.submit(configuration.command(name, computeName));
    }

    /** {@code aks_target.detach()}: the cluster stays. */
    public Operation detach(String computeName) {
        return client.submit(new DetachCluster(name, computeName));
    }

    /** {@code aks_target.delete()}: detaches and deletes the cluster akscompute created. */
    public Operation delete(String computeName) {
        return client.submit(new DeleteCluster(name, computeName));
    }

    /** Reinstalls the in-cluster components at the current version (the how-to's detach and attach again). */
    public Operation reattach(String computeName) {
        return client.submit(new ReattachCluster(name, computeName));
    }

    /** Puts a drifted front end or TLS secret back as recorded. */
    public Operation repair(String computeName) {
        return client.submit(new RepairCompute(name, computeName));
    }

    /** The studio's node count: only for clusters akscompute created. */
    public Operation scale(String computeName, int agentCount) {
        return client.submit(new ScaleCluster(name, computeName, agentCount, null));
    }
}
