package io.akscompute.provisioner.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The provisioner's own record of the clusters it created: the only ones it deletes or scales. A saga step that calls
 * Azure runs with no transaction open: then each method here is a short transaction of its own.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class CreatedClusters {

    @Inject
    EntityManager em;

    public Optional<CreatedCluster> find(String workspace, String computeName) {
        return Optional.ofNullable(em.find(CreatedCluster.class, new CreatedCluster.Key(workspace, computeName)));
    }

    /** Records the cluster before its PUT goes out; recording it again (a retried step) changes nothing. */
    public CreatedCluster record(CreatedCluster cluster) {
        Optional<CreatedCluster> existing = find(cluster.workspace, cluster.computeName);
        if (existing.isPresent()) {
            return existing.get();
        }
        em.persist(cluster);
        return cluster;
    }

    public void remove(CreatedCluster cluster) {
        find(cluster.workspace, cluster.computeName).ifPresent(em::remove);
    }

    /** Changes the stored row, if there is one (the row a step read earlier may be a detached copy). */
    public void update(String workspace, String computeName, Consumer<CreatedCluster> change) {
        find(workspace, computeName).ifPresent(change);
    }
}
