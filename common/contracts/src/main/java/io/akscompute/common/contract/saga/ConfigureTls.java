package io.akscompute.common.contract.saga;

import io.akscompute.common.contract.model.LoadBalancerType;
import io.akscompute.common.contract.model.SslConfiguration;

/**
 * Payload of {@link ParticipantAction#ConfigureTls}: the cluster (ARM resource id, region) and the wanted TLS.
 * With status Auto a certificate is issued for the leaf domain label (or the existing one reused when the
 * compute has one, e.g. on re-attach); with Enabled the uploaded certificate {@code certificateRef} is used.
 */
public record ConfigureTls(String clusterResourceId, String location, SslConfiguration sslConfiguration,
        LoadBalancerType loadBalancerType) {
}
