package io.akscompute.common.messaging;

import io.akscompute.common.config.ServiceIdentity;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.event.OperationAccepted;
import io.akscompute.common.contract.event.OperationFailed;
import io.akscompute.common.inbox.Inbox;
import io.akscompute.common.operation.Operation;
import io.akscompute.common.outbox.Outbox;
import io.akscompute.common.rules.Preflight;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

/**
 * Turns a record of {@code aks.commands} into its effect, in one transaction with the inbox entry and the
 * outbox rows: an accepted operation, a ValidationFailed listing every violation, or an InvalidCommand.
 */
@ApplicationScoped
public class CommandIntake {
    private static final Logger LOG = Logger.getLogger(CommandIntake.class);

    @Inject
    ServiceIdentity identity;

    @Inject
    Inbox inbox;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    @Any
    Instance<OperationStarter> starters;

    private CommandDecoder decoder;

    @PostConstruct
    void init() {
        decoder = new CommandDecoder(identity.maxRecordBytes());
    }

    /** Retried with backoff for transient failures (database restart); a record is never lost to one. */
    @Retry(maxRetries = 5, delay = 200)
    @ExponentialBackoff(maxDelay = 10_000)
    public Verdict handle(RawCommandRecord record) {
        ServiceName me = identity.service();
        Decoded decoded = decoder.decode(record);
        if (decoded instanceof Decoded.Valid valid) {
            if (valid.envelope().type().owner() != me) {
                return Verdict.ACK;
            }
            return QuarkusTransaction.requiringNew().call(() -> accept(valid.envelope()));
        }
        Decoded.Rejected rejected = (Decoded.Rejected) decoded;
        if (rejected.rejectedBy() != me) {
            return Verdict.ACK;
        }
        return QuarkusTransaction.requiringNew().call(() -> reject(rejected));
    }

    private String consumer() {
        return "commands:" + identity.service().id();
    }

    private Verdict accept(CommandEnvelope env) {
        var earlier = inbox.record(consumer(), env.id().toString(), Inbox.Outcome.ACCEPTED);
        if (earlier.isPresent()) {
            LOG.infof("command %s was handled before (%s); ignoring the redelivery", env.id(), earlier.get());
            return earlier.get() == Inbox.Outcome.REJECTED
                    ? Verdict.deadLetter("command " + env.id() + " was rejected before") : Verdict.ACK;
        }
        var command = env.command();
        String operation = env.type().typeName();
        List<Detail> violations = Preflight.check(command);
        if (!violations.isEmpty()) {
            inbox.settle(consumer(), env.id().toString(), Inbox.Outcome.HANDLED);
            outbox.status(new OperationFailed(env.id(), command.workspace(), command.computeName(), operation,
                    ErrorCode.ValidationFailed, summary(violations), violations, List.of()), env.id().toString());
            return Verdict.ACK;
        }
        Instant now = Instant.now();
        Operation op = new Operation();
        op.id = env.id();
        op.workspace = command.workspace();
        op.computeName = command.computeName();
        op.commandType = operation;
        op.status = Operation.Status.ACCEPTED;
        op.command = Json.write(command);
        op.createdAt = now;
        op.updatedAt = now;
        em.persist(op);
        outbox.status(new OperationAccepted(env.id(), command.workspace(), command.computeName(), operation, now),
                env.id().toString());
        for (OperationStarter starter : starters) {
            if (starter.handles(env.type())) {
                starter.start(op, env);
            }
        }
        return Verdict.ACK;
    }

    private Verdict reject(Decoded.Rejected r) {
        if (r.operationId() != null) {
            var earlier = inbox.record(consumer(), r.operationId().toString(), Inbox.Outcome.REJECTED);
            if (earlier.isEmpty()) {
                outbox.status(new OperationFailed(r.operationId(), r.workspace(), r.computeName(),
                        r.type() == null ? "Unknown" : r.type().typeName(), ErrorCode.InvalidCommand, r.reason(),
                        r.details(), List.of()), r.operationId().toString());
            } else if (earlier.get() != Inbox.Outcome.REJECTED) {
                // An unreadable record reusing the id of a command we accepted: not that operation's business.
                return Verdict.deadLetter(r.reason() + " (its id " + r.operationId() + " belongs to an earlier command)");
            }
        }
        return Verdict.deadLetter(r.reason());
    }

    static String summary(List<Detail> violations) {
        return violations.size() + (violations.size() == 1 ? " problem: " : " problems: ") + violations.stream()
                .map(d -> d.field() == null ? d.message() : d.field() + ": " + d.message())
                .collect(Collectors.joining("; "));
    }
}
