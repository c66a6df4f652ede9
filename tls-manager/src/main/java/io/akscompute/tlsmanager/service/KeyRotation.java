package io.akscompute.tlsmanager.service;

import io.akscompute.tlsmanager.domain.KeyRing;
import io.akscompute.tlsmanager.persistence.CaKey;
import io.akscompute.tlsmanager.persistence.CertificateEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Re-encrypts stored private keys (certificates and the CA's) with the active key, a batch per transaction, so
 * that an old key can be dropped from the configuration afterwards.
 */
@ApplicationScoped
public class KeyRotation {
    private static final Logger LOG = Logger.getLogger(KeyRotation.class);

    /** What one call did: rows re-encrypted, rows still on another key (call again), and the active key. */
    public record Result(int reencrypted, long remaining, String activeKey) {
    }

    @Inject
    EntityManager em;

    @Inject
    KeyRing keys;

    @Transactional
    public Result reencrypt(int batch) {
        String current = "v2:" + keys.activeId() + ":%";
        int done = 0;
        CaKey ca = em.find(CaKey.class, CaKey.ID);
        if (ca != null && keys.needsReencryption(ca.keyEncrypted)) {
            ca.keyEncrypted = keys.encrypt(keys.decrypt(ca.keyEncrypted, CaIssuer.KEY_AAD), CaIssuer.KEY_AAD);
            done++;
        }
        List<CertificateEntity> rows = em.createQuery("from CertificateEntity c where c.keyEncrypted not like :k"
                + " order by c.id", CertificateEntity.class).setParameter("k", current).setMaxResults(batch)
                .getResultList();
        for (CertificateEntity c : rows) {
            String aad = CertificateStore.aad(c.id);
            c.keyEncrypted = keys.encrypt(keys.decrypt(c.keyEncrypted, aad), aad);
            done++;
        }
        em.flush();
        long remaining = em.createQuery("select count(c) from CertificateEntity c where c.keyEncrypted not like :k",
                Long.class).setParameter("k", current).getSingleResult();
        LOG.infof("re-encrypted %d private keys with key '%s'; %d remain on other keys", done, keys.activeId(),
                remaining);
        return new Result(done, remaining, keys.activeId());
    }
}
