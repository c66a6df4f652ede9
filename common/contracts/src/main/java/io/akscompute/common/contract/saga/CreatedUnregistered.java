package io.akscompute.common.contract.saga;

/** Result of {@link ParticipantAction#UnregisterCreated}: the cluster the removed compute stood for. */
public record CreatedUnregistered(String clusterResourceId) {
}
