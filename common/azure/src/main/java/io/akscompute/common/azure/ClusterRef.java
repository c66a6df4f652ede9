package io.akscompute.common.azure;

/** {@code /subscriptions/<s>/resourceGroups/<rg>/providers/Microsoft.ContainerService/managedClusters/<name>}. */
public record ClusterRef(String subscriptionId, String resourceGroup, String name) {

    public static ClusterRef parse(String resourceId) {
        String[] p = resourceId == null ? new String[0] : resourceId.replaceAll("^/+", "").split("/");
        if (p.length != 8 || !p[0].equalsIgnoreCase("subscriptions") || !p[2].equalsIgnoreCase("resourceGroups")
                || !p[4].equalsIgnoreCase("providers") || !p[5].equalsIgnoreCase("Microsoft.ContainerService")
                || !p[6].equalsIgnoreCase("managedClusters")) {
            throw new IllegalArgumentException("'" + resourceId + "' is not the resource id of an AKS cluster "
                    + "(/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ContainerService/managedClusters/<name>)");
        }
        return new ClusterRef(p[1], p[3], p[7]);
    }

    /** The resource id again, in ARM's spelling. */
    public String id() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.ContainerService/managedClusters/" + name;
    }
}
