package io.akscompute.tlsmanager.service;

import io.akscompute.common.contract.event.CertificateExpiring;
import io.akscompute.common.outbox.Outbox;
import io.akscompute.common.saga.RetryPolicy;
import io.akscompute.common.work.WorkSource;
import io.akscompute.tlsmanager.config.TlsManagerConfig;
import io.akscompute.tlsmanager.persistence.CertificateEntity;
import io.akscompute.tlsmanager.persistence.CertificateUse;
import io.akscompute.common.work.Leases;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps certificates current, one due item at a time: renews an auto-issued certificate before it expires, writes
 * a renewed certificate into every cluster whose secret holds the old one, and tells the computes using a user's
 * certificate that it expires soon (and again once it expired). Items are claimed with {@code SKIP LOCKED}, so any
 * number of instances do each once; a failing one backs off alone.
 */
@ApplicationScoped
public class Renewals implements WorkSource<Renewals.Due> {
    public static final String NAME = "renewals";
    private static final Logger LOG = Logger.getLogger(Renewals.class);
    private static final RetryPolicy BACKOFF = new RetryPolicy(0, Duration.ofSeconds(5), Duration.ofHours(1),
            Duration.ZERO, Duration.ZERO);

    public enum Kind {
        /** An auto-issued certificate reached its renewal time. */
        RENEW,
        /** A compute's cluster holds an older version of its certificate. */
        DEPLOY,
        /** A user's certificate in use expires soon, or expired. */
        NOTIFY
    }

    public record Due(Kind kind, String certificateId, CertificateUse.Key use) {
    }

    @Inject
    EntityManager em;

    @Inject
    AutoCertificates auto;

    @Inject
    CertificateDeployments deployments;

    @Inject
    Outbox outbox;

    @Inject
    TlsManagerConfig config;

    @Inject
    Leases leases;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Due> claim(Instant now) {
        List<?> renew = em.createNativeQuery("""
                select id from certificate where kind = 'AUTO' and not_after <= :renewFrom
                and (retry_at is null or retry_at <= :now) order by not_after limit 1 for update skip locked""")
                .setParameter("renewFrom", now.plus(auto.policy().renewBefore())).setParameter("now", now)
                .getResultList();
        if (!renew.isEmpty()) {
            leaseCertificate((String) renew.get(0), now);
            return Optional.of(new Due(Kind.RENEW, (String) renew.get(0), null));
        }
        List<?> deploy = em.createNativeQuery("""
                select u.workspace, u.compute_name from certificate_use u join certificate c on c.id = u.certificate_id
                where (u.deployed_fingerprint is null or u.deployed_fingerprint <> c.fingerprint)
                and (u.retry_at is null or u.retry_at <= :now) limit 1 for update of u skip locked""")
                .setParameter("now", now).getResultList();
        if (!deploy.isEmpty()) {
            Object[] key = (Object[]) deploy.get(0);
            em.createNativeQuery("update certificate_use set retry_at = :until where workspace = :w and compute_name = :c")
                    .setParameter("until", leases.until(now)).setParameter("w", key[0]).setParameter("c", key[1])
                    .executeUpdate();
            return Optional.of(new Due(Kind.DEPLOY, null, new CertificateUse.Key((String) key[0], (String) key[1])));
        }
        List<?> notify = em.createNativeQuery("""
                select c.id from certificate c where c.kind = 'USER'
                and ((c.not_after <= :warnFrom and c.expiring_notified_at is null)
                  or (c.not_after <= :now and c.expired_notified_at is null))
                and exists (select 1 from certificate_use u where u.certificate_id = c.id)
                and (c.retry_at is null or c.retry_at <= :now) limit 1 for update of c skip locked""")
                .setParameter("warnFrom", now.plus(config.expiryWarning())).setParameter("now", now).getResultList();
        if (!notify.isEmpty()) {
            leaseCertificate((String) notify.get(0), now);
            return Optional.of(new Due(Kind.NOTIFY, (String) notify.get(0), null));
        }
        return Optional.empty();
    }

    /** The claim moves the row's retry on by a lease and commits: a deploy writes into a cluster meanwhile. */
    private void leaseCertificate(String id, Instant now) {
        em.createNativeQuery("update certificate set retry_at = :until where id = :id")
                .setParameter("until", leases.until(now)).setParameter("id", id).executeUpdate();
    }

    @Override
    public boolean claimCommitsFirst() {
        return true;
    }

    /** Runs with no transaction open: the database work in short ones, a cluster's secret written between them. */
    @Override
    public void work(Due due, Instant now) {
        switch (due.kind()) {
            case RENEW -> QuarkusTransaction.requiringNew().run(() -> {
                CertificateEntity c = em.find(CertificateEntity.class, due.certificateId(),
                        LockModeType.PESSIMISTIC_WRITE);
                auto.renew(c, now);
                c.failures = 0;
                c.retryAt = null;
            });
            case DEPLOY -> {
                Deploy d = QuarkusTransaction.requiringNew().call(() -> {
                    CertificateUse use = em.find(CertificateUse.class, due.use());
                    return new Deploy(use, em.find(CertificateEntity.class, use.certificateId));
                });
                deployments.deploy(d.use(), d.certificate(), now);
            }
            case NOTIFY -> QuarkusTransaction.requiringNew().run(() -> {
                CertificateEntity c = em.find(CertificateEntity.class, due.certificateId(),
                        LockModeType.PESSIMISTIC_WRITE);
                notify(c, now);
                c.retryAt = null;
            });
        }
    }

    private record Deploy(CertificateUse use, CertificateEntity certificate) {
    }

    @Override
    public boolean failed(Due due, Exception error, Instant now) {
        LOG.warnf("%s of %s failed, will retry: %s", due.kind(), due.use() != null
                ? due.use().workspace + "/" + due.use().computeName : due.certificateId(), error.toString());
        if (due.kind() == Kind.DEPLOY) {
            CertificateUse use = em.find(CertificateUse.class, due.use());
            if (use != null) {
                use.failures++;
                use.retryAt = now.plus(BACKOFF.backoff(use.failures, null));
            }
        } else {
            CertificateEntity c = em.find(CertificateEntity.class, due.certificateId());
            if (c != null) {
                c.failures++;
                c.retryAt = now.plus(BACKOFF.backoff(c.failures, null));
            }
        }
        return true;
    }

    /** CertificateExpiring for each compute using a user's certificate: once ahead of the end, once at it. */
    private void notify(CertificateEntity c, Instant now) {
        List<CertificateUse> uses = em.createQuery("select u from CertificateUse u where u.certificateId = :id",
                CertificateUse.class).setParameter("id", c.id).getResultList();
        boolean expired = !now.isBefore(c.notAfter);
        for (CertificateUse use : uses) {
            String message = expired
                    ? "the certificate " + c.id + " for " + c.cname + " expired " + c.notAfter + "; clients of "
                            + use.id.computeName + " now fail TLS: upload a renewed certificate and update the compute"
                    : "the certificate " + c.id + " for " + c.cname + " expires " + c.notAfter
                            + "; upload a renewed certificate and update the compute before then";
            UUID notice = UUID.nameUUIDFromBytes((c.id + "/" + c.notAfter + "/" + expired + "/" + use.id.workspace
                    + "/" + use.id.computeName).getBytes(StandardCharsets.UTF_8));
            outbox.status(new CertificateExpiring(notice, use.id.workspace, use.id.computeName,
                    CertificateExpiring.OPERATION, c.id, c.cname, c.notAfter, expired, message), c.id);
        }
        c.expiringNotifiedAt = c.expiringNotifiedAt == null ? now : c.expiringNotifiedAt;
        if (expired) {
            c.expiredNotifiedAt = now;
        }
        c.failures = 0;
        c.retryAt = null;
        LOG.infof("certificate %s %s: told %d compute(s)", c.id, expired ? "expired" : "expires soon", uses.size());
    }
}
