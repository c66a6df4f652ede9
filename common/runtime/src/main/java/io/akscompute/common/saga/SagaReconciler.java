package io.akscompute.common.saga;

import io.akscompute.common.work.OperationLogContext;
import io.akscompute.common.work.WorkSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Resumes every saga whose step is due (started, answered, waiting on Azure, retrying, timed out), one
 * transition per transaction (with the inline steps that follow it, see {@link SagaEngine#advance}). Sagas are
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so two instances of a service share them without running one twice.
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
        engine.advance(saga, now);
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
