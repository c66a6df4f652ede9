package io.akscompute.client;

import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;

/** {@code enable_ssl(...)} of the configurations: a certificate issued for a leaf label, or your own. */
abstract class SslSettings<T extends SslSettings<T>> {
    SslConfiguration ssl;

    abstract T self();

    /** TLS with a certificate issued for {@code <label>.<location>.cloudapp.azure.com}. */
    public T enableSsl(String leafDomainLabel) {
        return enableSsl(leafDomainLabel, false);
    }

    /** The same; {@code overwriteExistingDomain} takes the label over even if it was issued before. */
    public T enableSsl(String leafDomainLabel, boolean overwriteExistingDomain) {
        ssl = new SslConfiguration(SslStatus.Auto, null, null, leafDomainLabel,
                overwriteExistingDomain ? Boolean.TRUE : null, null);
        return self();
    }

    /** TLS with your certificate, uploaded to tls-manager before ({@code akscompute tls upload} prints its ref). */
    public T enableSslWithCertificate(String certificateRef, String cname) {
        ssl = SslConfiguration.custom(certificateRef, cname);
        return self();
    }

    /** Any TLS configuration as the contract has it. */
    public T ssl(SslConfiguration configuration) {
        ssl = configuration;
        return self();
    }
}
