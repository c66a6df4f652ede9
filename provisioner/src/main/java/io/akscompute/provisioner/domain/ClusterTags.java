package io.akscompute.provisioner.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Tags on every cluster akscompute creates: they mark it as ours, for which compute and by which operation, so
 * that a restart recognises a cluster whose PUT was sent and a compensation never deletes someone else's.
 */
public final class ClusterTags {
    public static final String CREATED_BY = "akscompute-created-by";
    public static final String WORKSPACE = "akscompute-workspace";
    public static final String COMPUTE = "akscompute-compute";
    public static final String OPERATION = "akscompute-operation";

    private ClusterTags() {
    }

    public static Map<String, String> of(Map<String, String> userTags, String workspace, String compute,
            UUID operationId) {
        Map<String, String> tags = new LinkedHashMap<>(userTags == null ? Map.of() : userTags);
        tags.put(CREATED_BY, "akscompute");
        tags.put(WORKSPACE, workspace);
        tags.put(COMPUTE, compute);
        tags.put(OPERATION, operationId.toString());
        return tags;
    }

    /** Created by akscompute for this compute (by any operation). */
    public static boolean ours(Map<String, String> tags, String workspace, String compute) {
        return tags != null && "akscompute".equals(tags.get(CREATED_BY)) && workspace.equals(tags.get(WORKSPACE))
                && compute.equals(tags.get(COMPUTE));
    }

    /** Created by that very operation: its PUT went out even if the saga did not get to record it. */
    public static boolean createdBy(Map<String, String> tags, String workspace, String compute, UUID operationId) {
        return ours(tags, workspace, compute) && operationId.toString().equals(tags.get(OPERATION));
    }

    /** Tagged by akscompute at all: the orphan sweep looks at these only. */
    public static boolean madeByAkscompute(Map<String, String> tags) {
        return tags != null && "akscompute".equals(tags.get(CREATED_BY)) && tags.get(WORKSPACE) != null
                && tags.get(COMPUTE) != null;
    }

    /**
     * Why a cluster akscompute made is an orphan, or empty when something accounts for it: an operation of its
     * compute still running, or the provisioner's record of the compute naming this very cluster as created.
     * {@code recordedClusterId} and {@code recordedStatus} are the record's (null when there is none).
     */
    public static Optional<String> orphaned(String clusterId, Map<String, String> tags, boolean operationRunning,
            String recordedClusterId, String recordedStatus, String provisioningState) {
        if (operationRunning || "Deleting".equalsIgnoreCase(provisioningState)) {
            return Optional.empty();
        }
        String made = "made by operation " + tags.get(OPERATION) + " for compute " + tags.get(COMPUTE)
                + " in workspace " + tags.get(WORKSPACE);
        if (recordedClusterId == null) {
            return Optional.of(made + "; no compute of that name was created and no operation of it is running");
        }
        if (!recordedClusterId.equalsIgnoreCase(clusterId)) {
            return Optional.of(made + "; the compute is the cluster " + recordedClusterId + " now");
        }
        if ("Creating".equals(recordedStatus)) {
            return Optional.of(made + "; the create failed and could not delete it");
        }
        // Succeeded: the compute's cluster. Deleting: a delete that failed; the compute still shows it, and
        // DeleteCluster again removes both.
        return Optional.empty();
    }

    /** AKS cluster names: the compute name and part of the operation id, so a re-create never meets the old one. */
    public static String clusterName(String computeName, UUID operationId) {
        return computeName + "-" + operationId.toString().substring(0, 6);
    }
}
