package io.akscompute.common.contract.saga;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.Detail;
import java.util.List;
import java.util.UUID;

/**
 * The participant's answer on {@code aks.saga.<owner>.replies}, key = sagaId, CloudEvent type
 * {@code akscompute.SagaReply.v1}. {@code retryable} failures may be asked again; others end the step.
 */
public record SagaReply(
        @JsonProperty(required = true) UUID sagaId,
        @JsonProperty(required = true) UUID requestId,
        @JsonProperty(required = true) ParticipantAction action,
        @JsonProperty(required = true) boolean succeeded,
        ErrorCode code,
        String message,
        List<Detail> details,
        boolean retryable,
        JsonNode result) {
}
