package io.akscompute.common.contract.saga;

/**
 * Payload of {@link ParticipantAction#UnregisterCreated}: {@code clusterResourceId} as the provisioner knows it
 * (null when it has no record of the compute; the attacher's registry then decides).
 */
public record UnregisterCreated(String clusterResourceId) {
}
