package io.akscompute.common.saga;

import io.akscompute.common.work.OperationLogContext;
import io.akscompute.common.work.Outages;
import io.akscompute.common.work.WorkSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Resumes every saga whose step is due (started, answered, waiting on Azure, retrying, timed out), one
 * transition per transaction (with the local steps that follow it, see {@link SagaEngine#advance}); a step that
 * calls Azure or a cluster runs after that transaction, on a lease, and its result is recorded in one more. Sagas
 * are claimed with {@code FOR UPDATE SKIP LOCKED}, so two instances of a service share them without running one
 * twice.
 */
@ApplicationScoped
public class SagaReconciler implements WorkSource<SagaInstance> {
    public static final String NAME = "sagas";
    private static final Logger LOG = Logger.getLogger(SagaReconciler.class);

    @Inject
    EntityManager em;

    @Inject
    SagaEngine engine;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<SagaInstance> claim(Instant now) {
        return WorkSource.claimOne(em, SagaInstance.class, """
                select * from saga_instance where status in ('RUNNING', 'COMPENSATING') and next_attempt_at <= :now
                order by next_attempt_at limit 1 for update skip locked""", now);
    }

    @Override
    public OperationLogContext logContext(SagaInstance saga) {
        return new OperationLogContext(saga.operationId, saga.workspace, saga.computeName);
    }

    @Override
    public void work(SagaInstance saga, Instant now) {
        saga.callPending = engine.advance(saga, now);
    }

    /**
     * The step's call outside, with no transaction open (the saga is leased), its result recorded in a short
     * transaction; again while the saga goes on to another call at once. A record that meets the database away
     * waits for it: given up, the step would wait out its lease and ask Azure again.
     */
    @Override
    public void afterCommit(SagaInstance saga, Instant now) throws Exception {
        SagaInstance leased = saga.callPending ? saga : null;
        while (leased != null) {
            SagaInstance called = leased;
            SagaMachine.CallResult result = engine.call(called, leased == saga ? now : engine.now());
            leased = Outages.waitOut("saga " + called.id + " recording " + result.step(), () ->
                    QuarkusTransaction.requiringNew().call(() -> engine.record(called, result, engine.now())));
        }
    }

    @Override
    public boolean failed(SagaInstance claimed, Exception error, Instant now) {
        LOG.errorf(error, "saga %s (%s of %s/%s): a transition failed", claimed.id, claimed.type, claimed.workspace,
                claimed.computeName);
        SagaInstance saga = em.find(SagaInstance.class, claimed.id);
        if (saga != null && !saga.finished()) {
            engine.transitionFailed(saga, error, now);
        }
        return true;
    }
}
