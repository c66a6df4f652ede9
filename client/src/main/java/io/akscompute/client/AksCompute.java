package io.akscompute.client;

/** Where the configurations start, named as Azure ML's {@code AksCompute} names them. */
public final class AksCompute {
    private AksCompute() {
    }

    /** {@code AksCompute.provisioning_configuration()}: a new cluster; every field left out takes the service's default. */
    public static ProvisioningConfiguration provisioningConfiguration() {
        return new ProvisioningConfiguration();
    }

    /** {@code AksCompute.attach_configuration(resource_id=...)}. */
    public static AttachConfiguration attachConfiguration(String clusterResourceId) {
        return new AttachConfiguration(clusterResourceId, null, null);
    }

    /** {@code AksCompute.attach_configuration(resource_group=..., cluster_name=...)}. */
    public static AttachConfiguration attachConfiguration(String resourceGroup, String clusterName) {
        return new AttachConfiguration(null, resourceGroup, clusterName);
    }

    /** {@code AksUpdateConfiguration()}: what to change of an attached compute's endpoint. */
    public static UpdateConfiguration updateConfiguration() {
        return new UpdateConfiguration();
    }
}
