package io.akscompute.attacher.service;

import io.akscompute.attacher.azure.FrontEnd;
import io.akscompute.attacher.persistence.ComputeRegistry;
import io.akscompute.attacher.persistence.FrontEndFootprints;
import io.akscompute.common.azure.AzureFailures;
import io.akscompute.common.contract.InClusterNames;
import io.akscompute.common.orphan.Orphan;
import io.akscompute.common.orphan.OrphanFinder;
import io.akscompute.common.saga.SagaEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Front ends and TLS secrets in clusters no compute uses: the sweep walks the footprints the attacher left (every
 * cluster it put a front end into), skips those a compute or a running operation accounts for, and looks into the
 * rest. A footprint whose cluster is gone, or holds nothing of ours, is forgotten.
 */
@ApplicationScoped
public class FrontEndOrphans implements OrphanFinder {
    public static final String FRONT_END = "front-end";
    public static final String TLS_SECRET = "tls-secret";
    private static final String IN_NAMESPACE = "/namespaces/" + InClusterNames.NAMESPACE;

    @Inject
    FrontEndFootprints footprints;

    @Inject
    ComputeRegistry registry;

    @Inject
    SagaEngine sagas;

    @Inject
    FrontEnd frontEnd;

    @Override
    public List<Orphan> find(int limit, Instant now) {
        List<Orphan> orphans = new ArrayList<>();
        for (FrontEndFootprints.Footprint f : footprints.withoutCompute(limit)) {
            if (accountedFor(f)) {
                continue;
            }
            FrontEnd.Presence there;
            try {
                there = frontEnd.presence(f.clusterResourceId());
            } catch (RuntimeException e) {
                if (!AzureFailures.isNotFound(e)) {
                    throw e;
                }
                there = new FrontEnd.Presence(false, false);
            }
            if (!there.frontEnd() && !there.tlsSecret()) {
                footprints.forget(f.clusterResourceId());
                continue;
            }
            String why = " left by operation " + f.operationId() + " of compute " + f.computeName() + " in workspace "
                    + f.workspace() + "; no compute uses the cluster " + f.clusterResourceId() + " any more";
            if (there.frontEnd()) {
                orphans.add(new Orphan(FRONT_END, f.clusterResourceId() + IN_NAMESPACE + "/deployments/"
                        + InClusterNames.FRONT_END, f.workspace(), f.computeName(), "the scoring front end was" + why));
            }
            if (there.tlsSecret()) {
                orphans.add(new Orphan(TLS_SECRET, f.clusterResourceId() + IN_NAMESPACE + "/secrets/"
                        + InClusterNames.TLS_SECRET, f.workspace(), f.computeName(), "the TLS secret was" + why));
            }
            if (orphans.size() >= limit) {
                break;
            }
        }
        return orphans;
    }

    /** The compute being set up on it, or an operation of the compute still running. */
    private boolean accountedFor(FrontEndFootprints.Footprint f) {
        if (sagas.running(f.workspace(), f.computeName()).isPresent()) {
            return true;
        }
        return registry.find(f.workspace(), f.computeName())
                .filter(c -> c.clusterResourceId == null && f.operationId().equals(c.operationId)).isPresent();
    }

    @Override
    public void remove(Orphan orphan) {
        String cluster = orphan.resourceId().substring(0, orphan.resourceId().indexOf(IN_NAMESPACE));
        if (orphan.kind().equals(FRONT_END)) {
            frontEnd.remove(cluster);
        } else {
            frontEnd.removeTlsSecret(cluster);
        }
    }
}
