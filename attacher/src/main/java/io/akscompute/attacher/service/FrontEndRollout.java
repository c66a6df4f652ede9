package io.akscompute.attacher.service;

import io.akscompute.attacher.azure.FrontEnd;
import io.akscompute.attacher.config.AttacherConfig;
import io.akscompute.attacher.persistence.FrontEndFootprints;
import io.akscompute.common.azure.AzureFailures;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.model.ClusterPurpose;
import io.akscompute.common.contract.saga.TlsConfigured;
import io.akscompute.common.saga.StepResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * Puts the scoring front end into a cluster and waits for its load balancer's address: the one way attach,
 * update, re-attach and the registration of a created cluster do it. Safe to run again: the install happens once
 * per rollout, the wait is a poll.
 */
@ApplicationScoped
public class FrontEndRollout {
    static final Duration POLL = Duration.ofSeconds(1);

    /** What a rollout keeps across tries and restarts: when the address must be there, and the address. */
    public static final class Progress {
        public Instant deadline;
        public FrontEnd.Endpoint endpoint;
        /** The certificate in the TLS secret once the front end is up (the drift check's expected one). */
        public String tlsFingerprint;
    }

    @Inject
    FrontEnd frontEnd;

    @Inject
    AttacherConfig config;

    @Inject
    FrontEndFootprints footprints;

    /** Removes the front end (a cluster that is gone has none) and forgets the footprint; false if the cluster is gone. */
    public boolean remove(String clusterResourceId) {
        boolean clusterThere = true;
        try {
            frontEnd.remove(clusterResourceId);
        } catch (RuntimeException e) {
            if (!AzureFailures.isNotFound(e)) {
                throw e;
            }
            clusterThere = false;
        }
        footprints.forget(clusterResourceId);
        return clusterThere;
    }

    /** The front end for a compute: three replicas for production, internal or public, TLS from tls-manager. */
    public FrontEnd.Spec spec(ClusterPurpose purpose, boolean internal, String subnet, TlsConfigured tls,
            boolean tlsWanted) {
        return new FrontEnd.Spec(config.frontEndVersion(), FrontEnd.imageReference(config.frontEndImage(),
                config.frontEndVersion(), config.frontEndImageDigest()),
                purpose != null && purpose.isProduction() ? 3 : 1, internal, subnet,
                tls != null ? tls.dnsLabel() : null, tlsWanted);
    }

    /**
     * Installs the front end once, or brings an installed one up to the spec in place (keeping its address), then
     * polls until its pods are ready and its load balancer has the address, up to the configured endpoint timeout:
     * Done with the address, Wait, or Fail saying which of the two is missing.
     */
    public StepResult deploy(FrontEndFootprints.Footprint footprint, FrontEnd.Spec spec, Progress progress,
            Instant now) {
        String clusterResourceId = footprint.clusterResourceId();
        if (progress.deadline == null) {
            boolean installedBefore = footprints.record(footprint, now);
            frontEnd.install(clusterResourceId, spec, installedBefore);
            progress.deadline = now.plus(config.endpointTimeout());
        }
        FrontEnd.Observed seen = frontEnd.observe(clusterResourceId, spec.internal(), spec.tls());
        boolean ready = seen.ready();
        var endpoint = seen.endpoint();
        if (ready && endpoint.isPresent()) {
            progress.endpoint = endpoint.get();
            progress.tlsFingerprint = seen.tlsFingerprint();
            return StepResult.done("scoring endpoint " + (spec.internal() ? "(internal) " : "") + endpoint.get().ip()
                    + ", " + spec.replicas() + " of " + spec.replicas() + " front-end replicas ready");
        }
        String missing = !ready ? "the front end's " + spec.replicas() + " replicas ready"
                : "the load balancer's " + (spec.internal() ? "address in subnet " + spec.subnet() : "public IP");
        if (now.isAfter(progress.deadline)) {
            return StepResult.fail(ErrorCode.AzureError, "the scoring endpoint did not get " + missing + " within "
                    + config.endpointTimeout().toSeconds() + " s");
        }
        return StepResult.waitFor(POLL, "waiting for " + missing);
    }
}
