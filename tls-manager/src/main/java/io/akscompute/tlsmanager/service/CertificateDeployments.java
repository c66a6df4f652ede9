package io.akscompute.tlsmanager.service;

import io.akscompute.common.azure.ClusterRef;
import io.akscompute.tlsmanager.azure.ClusterSecrets;
import io.akscompute.tlsmanager.persistence.CertificateEntity;
import io.akscompute.tlsmanager.persistence.CertificateUse;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/** Brings a cluster's azuremlfessl secret up to the certificate its compute uses (after a renewal). */
@ApplicationScoped
public class CertificateDeployments {
    private static final Logger LOG = Logger.getLogger(CertificateDeployments.class);

    @Inject
    EntityManager em;

    @Inject
    CertificateStore store;

    @Inject
    ClusterSecrets secrets;

    /**
     * Writes the certificate into the use's cluster and records that it holds it now: in the caller's transaction,
     * or in a short one of its own after the write when none is open (a saga step's call).
     */
    public void deploy(CertificateUse use, CertificateEntity c, Instant now) {
        CertificateStore.Material material = store.material(c);
        secrets.write(ClusterRef.parse(use.clusterResourceId), material.certPem(), material.keyPem());
        QuarkusTransaction.joiningExisting().run(() -> {
            CertificateUse stored = em.find(CertificateUse.class, use.id);
            if (stored != null) {
                stored.deployedFingerprint = c.fingerprint;
                stored.updatedAt = now;
                stored.failures = 0;
                stored.retryAt = null;
            }
        });
        LOG.infof("cluster of %s/%s now holds certificate %s", use.id.workspace, use.id.computeName, c.id);
    }

    /** The computes whose cluster does not hold the certificate's current version yet. */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<CertificateUse> outdated(CertificateEntity c) {
        return em.createQuery("""
                select u from CertificateUse u where u.certificateId = :id
                and (u.deployedFingerprint is null or u.deployedFingerprint <> :f)""", CertificateUse.class)
                .setParameter("id", c.id).setParameter("f", c.fingerprint).getResultList();
    }
}
