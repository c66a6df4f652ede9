package io.akscompute.common.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * An administrator of the workspace exported a certificate with its private key (the audit trail; the event carries
 * no key material, and its CloudEvents {@code authid} names who exported it). {@code computeName} is the compute the
 * certificate was issued for, or {@code certificates} for an uploaded one; {@code operationId} identifies this
 * export; {@code operation} is {@code CertificateExport}.
 */
public record CertificateExported(
        @JsonProperty(required = true) UUID operationId,
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName,
        @JsonProperty(required = true) String operation,
        @JsonProperty(required = true) String certificateRef,
        String cname,
        @JsonProperty(required = true) String fingerprint,
        @JsonProperty(required = true) String exportedBy,
        @JsonProperty(required = true) Instant exportedAt) implements StatusEvent {

    public static final String OPERATION = "CertificateExport";
    /** The pseudo compute name of certificates not issued for a compute. */
    public static final String NO_COMPUTE = "certificates";
}
