package io.akscompute.common.rules;

import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.command.AttachCluster;
import io.akscompute.common.contract.command.CreateCluster;
import io.akscompute.common.contract.command.DeleteCluster;
import io.akscompute.common.contract.command.DetachCluster;
import io.akscompute.common.contract.command.ReattachCluster;
import io.akscompute.common.contract.command.RefreshVersions;
import io.akscompute.common.contract.command.RenewCertificate;
import io.akscompute.common.contract.command.RepairCompute;
import io.akscompute.common.contract.command.ScaleCluster;
import io.akscompute.common.contract.command.UpdateCluster;
import io.akscompute.common.contract.event.Detail;
import java.util.List;
import java.util.Objects;

/**
 * The rules a command must meet before any service acts on it. {@link #check} returns every violation at
 * once (an {@code OperationFailed/ValidationFailed} lists them all), each with the JSON path of its field
 * and a message that says what is wrong and what is allowed. Rules that need state (is the name taken,
 * is the version supported) belong to the owning service, not here.
 */
public final class Preflight {
    private Preflight() {
    }

    /** @return the violations, empty when the command may proceed */
    public static List<Detail> check(Command command) {
        Objects.requireNonNull(command, "command");
        Violations v = new Violations();
        Names.WORKSPACE.check("workspace", command.workspace(), v);
        if (!(command instanceof RefreshVersions)) {
            Names.checkComputeName("computeName", command.computeName(), v);
        }

        if (command instanceof CreateCluster create) {
            checkCreate(create.withDefaults(), v);
        } else if (command instanceof AttachCluster attach) {
            checkAttach(attach.withDefaults(), v);
        } else if (command instanceof UpdateCluster update) {
            checkUpdate(update, v);
        } else if (command instanceof ScaleCluster scale) {
            AgentPoolRules.checkScale(scale.agentCount(), v);
        } else if (command instanceof RefreshVersions refresh) {
            LocationRules.check(refresh.locations(), v);
        } else if (command instanceof RepairCompute) {
            // names only: what is repaired is what the compute recorded
        } else if (!(command instanceof DetachCluster || command instanceof DeleteCluster
                || command instanceof ReattachCluster || command instanceof RenewCertificate)) {
            // A new command type must get its rules here before anyone can send it.
            throw new IllegalArgumentException("no preflight rules for " + command.getClass().getName());
        }
        return v.list();
    }

    /** A workspace's name, as a person types it to open the workspace. */
    public static List<Detail> checkWorkspace(String workspace) {
        Violations v = new Violations();
        Names.WORKSPACE.check("workspace", workspace, v);
        return v.list();
    }

    /** The names of an existing AKS cluster as a request gives them (a resource group and a cluster name). */
    public static List<Detail> checkCluster(String resourceGroup, String clusterName) {
        Violations v = new Violations();
        Names.RESOURCE_GROUP.check("resourceGroup", resourceGroup, v);
        Names.CLUSTER_NAME.check("clusterName", clusterName, v);
        return v.list();
    }

    private static void checkCreate(CreateCluster c, Violations v) {
        // "West US" is taken as westus, as ARM and the versions endpoint take it.
        Names.LOCATION.checkIfGiven("location", Locations.normalize(c.location()), v);
        Names.RESOURCE_GROUP.checkIfGiven("resourceGroup", c.resourceGroup(), v);
        AgentPoolRules.checkCreate(c.agentCount(), c.agentVmSize(), c.clusterPurpose(), v);
        NetworkingRules.check(c.aksNetworkingConfiguration(), v);
        SslRules.check(c.sslConfiguration(), v);
        LoadBalancerRules.check(c.loadBalancerType(), c.loadBalancerSubnet(), c.sslConfiguration(), v);
    }

    private static void checkAttach(AttachCluster a, Violations v) {
        AttachTargetRules.check(a, v);
        SslRules.check(a.sslConfiguration(), v);
        LoadBalancerRules.check(a.loadBalancerType(), a.loadBalancerSubnet(), a.sslConfiguration(), v);
    }

    private static void checkUpdate(UpdateCluster u, Violations v) {
        if (u.sslConfiguration() == null && u.loadBalancerType() == null) {
            v.add(null, "UpdateCluster changes nothing; give sslConfiguration and/or loadBalancerType "
                    + "(with loadBalancerSubnet for InternalLoadBalancer)");
        }
        SslRules.check(u.sslConfiguration(), v);
        LoadBalancerRules.check(u.loadBalancerType(), u.loadBalancerSubnet(), u.sslConfiguration(), v);
    }
}
