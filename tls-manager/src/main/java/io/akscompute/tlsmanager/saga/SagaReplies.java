package io.akscompute.tlsmanager.saga;

import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.contract.saga.SagaReply;
import io.akscompute.common.contract.saga.SagaRequest;
import io.akscompute.common.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Sends a reply to the saga's owner through the outbox: key = sagaId, correlation id = operation id. */
@ApplicationScoped
public class SagaReplies {
    public static final String CE_TYPE = CloudEventTypes.of("SagaReply");

    @Inject
    Outbox outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(SagaRequest request, SagaReply reply) {
        outbox.publish(Topics.sagaReplies(request.replyTo()), request.sagaId().toString(), CE_TYPE,
                CloudEventTypes.subject(request.workspace(), request.computeName()), request.operationId(),
                request.requestId().toString(), reply);
    }
}
