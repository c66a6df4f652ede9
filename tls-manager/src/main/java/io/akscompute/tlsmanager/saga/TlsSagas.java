package io.akscompute.tlsmanager.saga;

import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.messaging.CommandEnvelope;
import io.akscompute.common.saga.SagaContext;
import io.akscompute.common.saga.SagaDefinition;
import io.akscompute.common.saga.StepFailure;
import io.akscompute.common.saga.SagaStarter;
import io.akscompute.common.saga.StepResult;
import io.akscompute.common.work.Outages;
import io.akscompute.tlsmanager.persistence.CertificateEntity;
import io.akscompute.tlsmanager.persistence.CertificateUse;
import io.akscompute.tlsmanager.service.AutoCertificates;
import io.akscompute.tlsmanager.service.CertificateDeployments;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;

/** RenewCertificate: renew the compute's auto-issued certificate now and bring every cluster using it up to date. */
@ApplicationScoped
public class TlsSagas extends SagaStarter<RenewState> {
    public static final String RENEW = "RenewCertificate";

    @Inject
    EntityManager em;

    @Inject
    AutoCertificates auto;

    @Inject
    CertificateDeployments deployments;

    @Produces
    @ApplicationScoped
    SagaDefinition<RenewState> renew() {
        return SagaDefinition.builder(RENEW, RenewState.class)
                .step("renew").invoke(this::renewNow)
                .step("update-clusters").invoke(this::updateClusters)
                .succeededWith(ctx -> ctx.state().message)
                .build();
    }

    TlsSagas() {
        super(RenewState.class, CommandType.RENEW_CERTIFICATE);
    }

    @Override
    protected RenewState state(CommandEnvelope envelope) {
        return new RenewState();
    }

    /** Renews in a short transaction of its own: a step apart, so that updating the clusters never renews twice. */
    StepResult renewNow(SagaContext<RenewState> ctx) {
        CertificateEntity c = QuarkusTransaction.requiringNew().call(() -> {
            CertificateEntity owned = ownedCertificate(ctx.workspace(), ctx.computeName());
            auto.renew(owned, ctx.now());
            return owned;
        });
        ctx.state().certificateId = c.id;
        ctx.state().message = "renewed certificate " + c.id + " for " + c.fqdn + ": valid until " + c.notAfter;
        return StepResult.done(ctx.state().message);
    }

    /**
     * Writes the renewed certificate into every cluster that does not hold it yet, with no transaction open. The
     * database away is thrown, not counted as a cluster's failure: the step waits and goes on with the clusters
     * still outdated.
     */
    StepResult updateClusters(SagaContext<RenewState> ctx) {
        Renewed renewed = QuarkusTransaction.requiringNew().call(() -> {
            CertificateEntity c = em.find(CertificateEntity.class, ctx.state().certificateId);
            return c == null ? null : new Renewed(c, deployments.outdated(c));
        });
        if (renewed == null) { // dropped meanwhile (its compute detached): no cluster uses it any more
            return StepResult.done("certificate " + ctx.state().certificateId + " is no longer in use");
        }
        CertificateEntity c = renewed.certificate();
        List<Detail> failures = new ArrayList<>();
        for (CertificateUse use : renewed.outdated()) {
            try {
                deployments.deploy(use, c, ctx.now());
            } catch (RuntimeException e) {
                if (Outages.isDatabaseOutage(e)) {
                    throw e;
                }
                failures.add(new Detail(use.id.workspace + "/" + use.id.computeName, e.getMessage()));
            }
        }
        if (!failures.isEmpty()) {
            return StepResult.fail(ErrorCode.AzureError, "renewed certificate " + c.id + " but could not update "
                    + failures.size() + " cluster(s); tls-manager keeps trying", failures);
        }
        return StepResult.done("every cluster using it holds it");
    }

    private record Renewed(CertificateEntity certificate, List<CertificateUse> outdated) {
    }

    private CertificateEntity ownedCertificate(String ws, String cn) {
        List<CertificateEntity> owned = em.createQuery("""
                select c from CertificateEntity c where c.kind = :kind and c.workspace = :ws and c.computeName = :cn
                order by c.createdAt desc""", CertificateEntity.class).setParameter("kind", CertificateEntity.Kind.AUTO)
                .setParameter("ws", ws).setParameter("cn", cn).setMaxResults(1)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (!owned.isEmpty()) {
            return owned.get(0);
        }
        CertificateUse use = em.find(CertificateUse.class, new CertificateUse.Key(ws, cn));
        if (use != null) {
            throw new StepFailure(ErrorCode.CertificateInvalid, "compute " + ws + "/" + cn + " uses the user's own "
                    + "certificate " + use.certificateId + "; only certificates tls-manager issued (status Auto) are "
                    + "renewed here: upload a renewed certificate and update the compute");
        }
        throw new StepFailure(ErrorCode.ComputeNotFound, "tls-manager knows no compute " + ws + "/" + cn
                + " with an automatically issued certificate");
    }
}
