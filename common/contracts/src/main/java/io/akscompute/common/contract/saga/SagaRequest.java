package io.akscompute.common.contract.saga;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.ServiceName;
import java.util.UUID;

/**
 * A saga step asked of a participant on {@code aks.saga.<participant>.requests}, key = sagaId, CloudEvent type
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
        JsonNode payload) {
}
