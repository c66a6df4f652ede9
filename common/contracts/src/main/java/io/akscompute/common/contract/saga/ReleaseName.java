package io.akscompute.common.contract.saga;

/** Payload of {@link ParticipantAction#ReleaseName}: why the reservation of the request's operation goes. */
public record ReleaseName(String reason) {
}
