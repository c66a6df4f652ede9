package io.akscompute.common.contract.saga;

import io.akscompute.common.contract.model.SslStatus;
import java.time.Instant;

/**
 * Result of {@link ParticipantAction#ConfigureTls}. {@code dnsLabel} is what the front end's Service must carry
 * as {@code service.beta.kubernetes.io/azure-dns-label-name} for an auto-issued certificate (null for a custom
 * one, whose user points {@code cname} at the endpoint's IP themselves).
 */
public record TlsConfigured(String certificateRef, SslStatus status, String fqdn, String cname, String dnsLabel,
        Instant notAfter) {
}
