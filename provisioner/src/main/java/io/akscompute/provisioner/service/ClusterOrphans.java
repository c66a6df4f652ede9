package io.akscompute.provisioner.service;

import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import io.akscompute.common.orphan.Orphan;
import io.akscompute.common.orphan.OrphanFinder;
import io.akscompute.common.saga.SagaEngine;
import io.akscompute.provisioner.azure.Arm;
import io.akscompute.provisioner.domain.ClusterTags;
import io.akscompute.provisioner.persistence.CreatedCluster;
import io.akscompute.provisioner.persistence.CreatedClusters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Clusters akscompute tagged as its own that no created compute or running operation accounts for. */
@ApplicationScoped
public class ClusterOrphans implements OrphanFinder {
    /** How many tagged clusters one sweep looks at; a subscription has a few hundred clusters at most. */
    private static final int LOOKED_AT = 1000;

    @Inject
    Arm arm;

    @Inject
    CreatedClusters clusters;

    @Inject
    SagaEngine sagas;

    @Override
    public List<Orphan> find(int limit, Instant now) {
        List<Orphan> orphans = new ArrayList<>();
        for (ManagedClusterInner c : arm.clustersMadeByAkscompute(LOOKED_AT)) {
            String ws = c.tags().get(ClusterTags.WORKSPACE);
            String compute = c.tags().get(ClusterTags.COMPUTE);
            Optional<CreatedCluster> row = clusters.find(ws, compute);
            Optional<String> why = ClusterTags.orphaned(c.id(), c.tags(), sagas.running(ws, compute).isPresent(),
                    row.map(r -> r.clusterResourceId).orElse(null), row.map(r -> r.status).orElse(null),
                    c.provisioningState());
            why.ifPresent(reason -> orphans.add(new Orphan("cluster", c.id(), ws, compute, "the AKS cluster " + c.name()
                    + " was " + reason)));
            if (orphans.size() == limit) {
                break;
            }
        }
        return orphans;
    }

    @Override
    public void remove(Orphan orphan) {
        arm.startDelete(orphan.resourceId());
    }
}
