package io.akscompute.common.contract.model;

/**
 * TLS termination of the scoring endpoint. A private key never travels in a command: {@code certificateRef}
 * names a certificate uploaded to tls-manager ({@code POST /certificates}).
 */
public record SslConfiguration(
        SslStatus status,
        String certificateRef,
        String cname,
        String leafDomainLabel,
        Boolean overwriteExistingDomain,
        Boolean renew) {

    public boolean enabled() {
        return status != null && status != SslStatus.Disabled;
    }

    public static SslConfiguration auto(String leafDomainLabel) {
        return new SslConfiguration(SslStatus.Auto, null, null, leafDomainLabel, null, null);
    }

    public static SslConfiguration custom(String certificateRef, String cname) {
        return new SslConfiguration(SslStatus.Enabled, certificateRef, cname, null, null, null);
    }
}
