package io.akscompute.common.contract.saga;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.ServiceName;
import java.time.Instant;
import java.util.UUID;

/**
 * A saga step asked of a participant, to be done by {@code deadline} (past it the participant drops the work, and the
 * owner, which gives up a little later, undoes the step) on {@code aks.saga.<participant>.requests}, key = sagaId, CloudEvent type
 * {@code akscompute.SagaRequest.v1}. {@code requestId} is the idempotency key: the owner re-sends the same id
 * when it retries, and the participant then answers again without doing the work twice.
 */
public record SagaRequest(
        @JsonProperty(required = true) UUID sagaId,
        @JsonProperty(required = true) UUID requestId,
        @JsonProperty(required = true) UUID operationId,
        @JsonProperty(required = true) ParticipantAction action,
        @JsonProperty(required = true) ServiceName replyTo,
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName,
        JsonNode payload,
        Instant deadline) {

    public SagaRequest(UUID sagaId, UUID requestId, UUID operationId, ParticipantAction action, ServiceName replyTo,
            String workspace, String computeName, JsonNode payload) {
        this(sagaId, requestId, operationId, action, replyTo, workspace, computeName, payload, null);
    }
}
