package io.akscompute.tlsmanager.service;

import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.command.RenewCertificate;
import io.akscompute.common.contract.event.CertificateExpiring;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.event.OperationFailed;
import io.akscompute.common.contract.event.OperationSucceeded;
import io.akscompute.common.operation.Operation;
import io.akscompute.common.outbox.Outbox;
import io.akscompute.tlsmanager.azure.AzureFailure;
import io.akscompute.tlsmanager.azure.ClusterSecrets;
import io.akscompute.tlsmanager.config.TlsManagerConfig;
import io.akscompute.tlsmanager.persistence.CertificateEntity;
import io.akscompute.tlsmanager.persistence.CertificateUse;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps certificates current: renews auto-issued ones before they expire and brings every cluster's secret up to
 * date, warns about users' certificates that expire. Runs on the worker thread (periodically and for
 * RenewCertificate), so it never races a saga request on the same secret within one instance.
 */
@ApplicationScoped
public class Renewals {
    private static final Logger LOG = Logger.getLogger(Renewals.class);

    @Inject
    EntityManager em;

    @Inject
    AutoCertificates auto;

    @Inject
    CertificateStore store;

    @Inject
    ClusterSecrets secrets;

    @Inject
    Outbox outbox;

    @Inject
    TlsManagerConfig config;

    @Inject
    Clock clock;

    /** One pass of the schedule. Each step goes on when one certificate or cluster fails. */
    public void runOnce() {
        for (String reference : auto.due()) {
            try {
                auto.renewIfDue(reference);
            } catch (RuntimeException e) {
                LOG.warnf("renewing certificate %s failed, will retry: %s", reference, e.getMessage());
            }
        }
        pushOutdated(null);
        notifyUserCertificates();
    }

    /** Writes the current certificate into every cluster whose secret holds an older one; the failures. */
    List<Detail> pushOutdated(String onlyReference) {
        var query = em.createQuery("""
                select u from CertificateUse u, CertificateEntity c where u.certificateId = c.id
                and (u.deployedFingerprint is null or u.deployedFingerprint <> c.fingerprint)"""
                + (onlyReference == null ? "" : " and c.id = :ref"), CertificateUse.class);
        if (onlyReference != null) {
            query.setParameter("ref", onlyReference);
        }
        List<CertificateUse> uses = query.getResultList();
        List<Detail> failures = new ArrayList<>();
        for (CertificateUse use : uses) {
            CertificateEntity c = em.find(CertificateEntity.class, use.certificateId);
            em.detach(use);
            if (c == null) {
                continue;
            }
            String fingerprint = c.fingerprint;
            try {
                CertificateStore.Material material = store.material(c);
                secrets.write(use.clusterResourceId, material.certPem(), material.keyPem());
            } catch (AzureFailure e) {
                LOG.warnf("updating the secret of %s/%s failed, will retry: %s", use.id.workspace, use.id.computeName,
                        e.getMessage());
                failures.add(new Detail(use.id.workspace + "/" + use.id.computeName, e.getMessage()));
                continue;
            }
            QuarkusTransaction.requiringNew().run(() -> em.createQuery("""
                    update CertificateUse u set u.deployedFingerprint = :f, u.updatedAt = :now
                    where u.id = :id and u.certificateId = :ref""")
                    .setParameter("f", fingerprint).setParameter("now", Instant.now(clock)).setParameter("id", use.id)
                    .setParameter("ref", c.id).executeUpdate());
            LOG.infof("cluster of %s/%s now holds the renewed certificate %s", use.id.workspace, use.id.computeName,
                    c.id);
        }
        return failures;
    }

    /** CertificateExpiring for each compute using a user's certificate: once ahead of the end, once at it. */
    void notifyUserCertificates() {
        Instant now = Instant.now(clock);
        Instant warnFrom = now.plus(config.expiryWarning());
        List<String> candidates = em.createQuery("""
                select c.id from CertificateEntity c where c.kind = :kind and (
                (c.notAfter <= :warn and c.expiringNotifiedAt is null) or (c.notAfter <= :now and c.expiredNotifiedAt is null))""",
                String.class).setParameter("kind", CertificateEntity.Kind.USER).setParameter("warn", warnFrom)
                .setParameter("now", now).getResultList();
        for (String reference : candidates) {
            QuarkusTransaction.requiringNew().run(() -> notifyOne(reference, now));
        }
    }

    private void notifyOne(String reference, Instant now) {
        CertificateEntity c = em.find(CertificateEntity.class, reference, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        List<CertificateUse> uses = em.createQuery("select u from CertificateUse u where u.certificateId = :id",
                CertificateUse.class).setParameter("id", reference).getResultList();
        if (c == null || uses.isEmpty()) {
            return; // nobody to tell yet; a compute that takes it up later is told then
        }
        boolean expired = !now.isBefore(c.notAfter);
        if (expired ? c.expiredNotifiedAt != null : c.expiringNotifiedAt != null) {
            return;
        }
        for (CertificateUse use : uses) {
            String message = expired
                    ? "the certificate " + reference + " for " + c.cname + " expired " + c.notAfter + "; clients of "
                            + use.id.computeName + " now fail TLS: upload a renewed certificate and update the compute"
                    : "the certificate " + reference + " for " + c.cname + " expires " + c.notAfter
                            + "; upload a renewed certificate and update the compute before then";
            UUID notice = UUID.nameUUIDFromBytes((reference + "/" + c.notAfter + "/" + expired + "/" + use.id.workspace
                    + "/" + use.id.computeName).getBytes(StandardCharsets.UTF_8));
            outbox.status(new CertificateExpiring(notice, use.id.workspace, use.id.computeName,
                    CertificateExpiring.OPERATION, reference, c.cname, c.notAfter, expired, message), reference);
        }
        c.expiringNotifiedAt = c.expiringNotifiedAt == null ? now : c.expiringNotifiedAt;
        if (expired) {
            c.expiredNotifiedAt = now;
        }
        LOG.infof("certificate %s %s: told %d compute(s)", reference, expired ? "expired" : "expires soon", uses.size());
    }

    /**
     * RenewCertificate: renews the compute's auto-issued certificate now and updates its clusters. Returns what must
     * commit with the end of the work: the operation's final status and event.
     */
    public Runnable renewForOperation(UUID operationId, RenewCertificate command) {
        String ws = command.workspace();
        String cn = command.computeName();
        String operation = "RenewCertificate";
        CertificateEntity c;
        try {
            c = QuarkusTransaction.requiringNew().call(() -> ownedCertificate(ws, cn));
        } catch (Failure f) {
            return finishOperation(operationId, false, () -> outbox.status(new OperationFailed(operationId, ws, cn,
                    operation, f.code(), f.getMessage(), f.details(), List.of()), operationId.toString()));
        }
        CertificateEntity renewed = auto.renewNow(c.id);
        List<Detail> failures = pushOutdated(renewed.id);
        if (failures.isEmpty()) {
            String message = "renewed certificate " + renewed.id + " for " + renewed.fqdn + ": valid until "
                    + renewed.notAfter;
            return finishOperation(operationId, true, () -> outbox.status(new OperationSucceeded(operationId, ws, cn, operation,
                    null, message), operationId.toString()));
        } else {
            String message = "renewed certificate " + renewed.id + " but could not update " + failures.size()
                    + " cluster(s); tls-manager keeps trying";
            return finishOperation(operationId, false, () -> outbox.status(new OperationFailed(operationId, ws, cn,
                    operation, ErrorCode.AzureError, message, failures, List.of()), operationId.toString()));
        }
    }

    private CertificateEntity ownedCertificate(String ws, String cn) {
        List<CertificateEntity> owned = em.createQuery("""
                select c from CertificateEntity c where c.kind = :kind and c.workspace = :ws and c.computeName = :cn
                order by c.createdAt desc""", CertificateEntity.class).setParameter("kind", CertificateEntity.Kind.AUTO)
                .setParameter("ws", ws).setParameter("cn", cn).setMaxResults(1).getResultList();
        if (!owned.isEmpty()) {
            return owned.get(0);
        }
        CertificateUse use = em.find(CertificateUse.class, new CertificateUse.Key(ws, cn));
        if (use != null) {
            throw Failure.of(ErrorCode.CertificateInvalid, "compute " + ws + "/" + cn + " uses the user's own "
                    + "certificate " + use.certificateId + "; only certificates tls-manager issued (status Auto) are "
                    + "renewed here: upload a renewed certificate and update the compute");
        }
        throw Failure.of(ErrorCode.ComputeNotFound, "tls-manager knows no compute " + ws + "/" + cn
                + " with an automatically issued certificate");
    }

    private Runnable finishOperation(UUID operationId, boolean succeeded, Runnable publish) {
        return () -> {
            Operation op = em.find(Operation.class, operationId);
            if (op != null) {
                op.status = succeeded ? Operation.Status.SUCCEEDED : Operation.Status.FAILED;
                op.updatedAt = Instant.now();
            }
            publish.run();
        };
    }
}
