package io.akscompute.common.contract.saga;

/** Payload of {@link ParticipantAction#LockCompute}: the operation (command type) taking the compute, for messages. */
public record LockCompute(String operation) {
}
