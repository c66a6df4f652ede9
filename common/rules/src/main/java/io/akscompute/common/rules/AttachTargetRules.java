package io.akscompute.common.rules;

import static io.akscompute.common.rules.Violations.isBlank;
import static io.akscompute.common.rules.Violations.quote;

import io.akscompute.common.contract.command.AttachCluster;

/** Which existing AKS cluster to attach: a full resource id, or resource group + cluster name. */
final class AttachTargetRules {
    static final String RESOURCE_ID_SHAPE =
            "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/"
                    + "Microsoft.ContainerService/managedClusters/{clusterName}";

    private AttachTargetRules() {
    }

    static void check(AttachCluster a, Violations v) {
        boolean id = a.resourceId() != null;
        boolean group = a.resourceGroup() != null;
        boolean name = a.clusterName() != null;
        if (id && (group || name)) {
            v.add("resourceId", "give either resourceId or resourceGroup + clusterName, not both");
        } else if (!id && !group && !name) {
            v.add("resourceId", "the cluster to attach is missing; give either resourceId ("
                    + RESOURCE_ID_SHAPE + ") or resourceGroup + clusterName");
        } else if (!id && group != name) {
            String missing = group ? "clusterName" : "resourceGroup";
            v.add(missing, missing + " is missing; resourceGroup and clusterName go together "
                    + "(or give resourceId instead)");
        }
        if (id) {
            checkResourceId(a.resourceId(), v);
        }
        Names.RESOURCE_GROUP.checkIfGiven("resourceGroup", a.resourceGroup(), v);
        Names.CLUSTER_NAME.checkIfGiven("clusterName", a.clusterName(), v);
    }

    /** Azure ML's own check: nine '/'-separated segments, provider at 6, resource type at 7. */
    private static void checkResourceId(String resourceId, Violations v) {
        String problem = shapeProblem(resourceId);
        if (problem != null) {
            v.add("resourceId", "resourceId " + quote(resourceId) + " is not the id of an AKS cluster (" + problem
                    + "); it must look like " + RESOURCE_ID_SHAPE);
            return;
        }
        String[] segments = resourceId.split("/", -1);
        Names.RESOURCE_GROUP.check("resourceId", segments[4], v);
        Names.CLUSTER_NAME.check("resourceId", segments[8], v);
    }

    private static String shapeProblem(String resourceId) {
        if (isBlank(resourceId)) {
            return "it is empty";
        }
        String[] s = resourceId.split("/", -1);
        if (s.length != 9) {
            return "it has " + s.length + " '/'-separated segments instead of 9";
        }
        if (!s[0].isEmpty()) {
            return "it must start with '/'";
        }
        if (!s[1].equalsIgnoreCase("subscriptions") || !s[3].equalsIgnoreCase("resourceGroups")
                || !s[5].equalsIgnoreCase("providers")) {
            return "expected subscriptions, resourceGroups and providers segments";
        }
        if (!s[6].equalsIgnoreCase("Microsoft.ContainerService")) {
            return "the provider is '" + s[6] + "' instead of Microsoft.ContainerService";
        }
        if (!s[7].equalsIgnoreCase("managedClusters")) {
            return "the resource type is '" + s[7] + "' instead of managedClusters";
        }
        if (s[2].isBlank()) {
            return "the subscription id is empty";
        }
        return null;
    }
}
