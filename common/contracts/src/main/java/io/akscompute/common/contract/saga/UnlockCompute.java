package io.akscompute.common.contract.saga;

/** Payload of {@link ParticipantAction#UnlockCompute}: why the operation gives the compute back. */
public record UnlockCompute(String reason) {
}
