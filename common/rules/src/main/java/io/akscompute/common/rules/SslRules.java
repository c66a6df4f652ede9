package io.akscompute.common.rules;

import static io.akscompute.common.rules.Violations.isBlank;

import io.akscompute.common.contract.model.SslConfiguration;
import io.akscompute.common.contract.model.SslStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * TLS termination of the scoring endpoint: either an automatic certificate for a leaf domain label
 * (status Auto) or the user's own certificate with its cname (status Enabled), or none (Disabled).
 */
final class SslRules {
    static final String PREFIX = "sslConfiguration.";

    private SslRules() {
    }

    /** TLS is terminated at the front end: status Enabled or Auto. */
    static boolean tlsRequested(SslConfiguration ssl) {
        return ssl != null && ssl.enabled();
    }

    static void check(SslConfiguration ssl, Violations v) {
        if (ssl == null) {
            return;
        }
        boolean cert = !isBlank(ssl.certificateRef());
        boolean cname = !isBlank(ssl.cname());
        boolean leaf = !isBlank(ssl.leafDomainLabel());
        // A false flag asks for nothing, so only true counts as set.
        boolean overwrite = Boolean.TRUE.equals(ssl.overwriteExistingDomain());
        boolean renew = Boolean.TRUE.equals(ssl.renew());

        if (ssl.status() == null) {
            v.add(PREFIX + "status", "sslConfiguration.status is missing; it must be Disabled, Enabled "
                    + "(your own certificate: certificateRef + cname) or Auto (a certificate issued for leafDomainLabel)");
        } else if (ssl.status() == SslStatus.Disabled) {
            checkDisabled(cert, cname, leaf, overwrite, renew, v);
            return; // the other rules describe a TLS setup the user turned off
        }

        if (cert && !cname) {
            v.add(PREFIX + "cname", "cname is missing; certificateRef and cname go together "
                    + "(the certificate and the domain name it was issued for)");
        }
        if (cname && !cert) {
            v.add(PREFIX + "certificateRef", "certificateRef is missing; certificateRef and cname go together "
                    + "(upload the certificate and key to tls-manager and give the reference it returns)");
        }
        if (leaf && (cert || cname)) {
            v.add(PREFIX + "leafDomainLabel", "leafDomainLabel (a certificate Azure issues for you) cannot be combined "
                    + "with certificateRef/cname (your own certificate); give one or the other");
        }
        if (ssl.leafDomainLabel() != null) {
            Names.LEAF_DOMAIN_LABEL.check(PREFIX + "leafDomainLabel", ssl.leafDomainLabel(), v);
        }
        if (ssl.status() == SslStatus.Auto && !leaf) {
            v.add(PREFIX + "leafDomainLabel", "status Auto needs a leafDomainLabel: the certificate is issued for "
                    + "<leafDomainLabel>######.<region>.cloudapp.azure.com; for your own certificate use status Enabled");
        }
        if (ssl.status() == SslStatus.Enabled && !cert && !cname) {
            v.add(PREFIX + "certificateRef", "status Enabled needs certificateRef and cname (your own certificate); "
                    + "for a certificate issued for a leafDomainLabel use status Auto");
        }
        if (overwrite && !leaf) {
            v.add(PREFIX + "overwriteExistingDomain", "overwriteExistingDomain only applies to a leafDomainLabel "
                    + "(status Auto); remove it or give a leafDomainLabel");
        }
        if (renew && ssl.status() != SslStatus.Auto) {
            v.add(PREFIX + "renew", "renew only applies to automatically issued certificates (status Auto); status is "
                    + ssl.status());
        }
    }

    private static void checkDisabled(boolean cert, boolean cname, boolean leaf, boolean overwrite, boolean renew,
                                      Violations v) {
        List<String> set = new ArrayList<>();
        if (cert) {
            set.add("certificateRef");
        }
        if (cname) {
            set.add("cname");
        }
        if (leaf) {
            set.add("leafDomainLabel");
        }
        if (overwrite) {
            set.add("overwriteExistingDomain");
        }
        if (renew) {
            set.add("renew");
        }
        if (!set.isEmpty()) {
            v.add(PREFIX + "status", "status Disabled turns TLS off, but " + String.join(", ", set)
                    + (set.size() == 1 ? " is" : " are") + " also set; remove "
                    + (set.size() == 1 ? "it" : "them") + ", or use status Enabled (certificateRef + cname) "
                    + "or Auto (leafDomainLabel)");
        }
    }
}
