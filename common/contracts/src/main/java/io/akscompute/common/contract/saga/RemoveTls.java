package io.akscompute.common.contract.saga;

/**
 * Payload of {@link ParticipantAction#RemoveTls}: delete the secret from the cluster. {@code dropCertificate}
 * also forgets the certificate (compensation of a create); a detach keeps it for a later attach.
 */
public record RemoveTls(String clusterResourceId, boolean dropCertificate) {
}
