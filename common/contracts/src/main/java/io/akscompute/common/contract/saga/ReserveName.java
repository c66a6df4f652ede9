package io.akscompute.common.contract.saga;

/**
 * Payload of {@link ParticipantAction#ReserveName}: the name (workspace and compute name of the request) is
 * reserved for a cluster akscompute creates ({@code isAttachedCompute=false}). Taken: ComputeAlreadyExists.
 */
public record ReserveName(String location, String description) {
}
