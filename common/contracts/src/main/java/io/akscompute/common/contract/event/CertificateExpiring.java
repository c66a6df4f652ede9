package io.akscompute.common.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's own certificate used by this compute ends soon ({@code expired} false, sent a configurable time ahead)
 * or has ended ({@code expired} true). tls-manager renews only what it issued; the user uploads a renewed
 * certificate and updates the compute. {@code operationId} identifies this notice (the same notice has the same
 * id); {@code operation} is {@code CertificateExpiry}.
 */
public record CertificateExpiring(
        @JsonProperty(required = true) UUID operationId,
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName,
        @JsonProperty(required = true) String operation,
        @JsonProperty(required = true) String certificateRef,
        String cname,
        @JsonProperty(required = true) Instant notAfter,
        @JsonProperty(required = true) boolean expired,
        String message) implements StatusEvent {

    public static final String OPERATION = "CertificateExpiry";
}
