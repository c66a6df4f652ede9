package io.akscompute.common.contract.saga;

/**
 * Payload of {@link ParticipantAction#RecordScale}: the node count a created cluster has after a ScaleCluster,
 * for the compute registry; result {@link io.akscompute.common.contract.event.ComputeSnapshot}.
 */
public record RecordScale(int agentCount, String agentVmSize) {
}
