package io.akscompute.common.messaging;

import io.akscompute.common.auth.Callers;
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
import io.akscompute.common.rules.Text;
import io.akscompute.common.rules.access.Caller;
import io.akscompute.common.rules.access.CommandAccess;
import io.akscompute.common.rules.access.WorkspaceRole;
import io.akscompute.common.tracing.Spans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
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
    Callers callers;

    @Inject
    Spans spans;

    @Inject
    @Any
    Instance<OperationStarter> starters;

    private CommandDecoder decoder;

    @PostConstruct
    void init() {
        decoder = new CommandDecoder(identity.maxRecordBytes());
    }

    /** Decides what the record is and does it in one transaction; an outage of the database is the caller's. */
    public Verdict handle(RawCommandRecord record) {
        ServiceName me = identity.service();
        // Every service reads every command: only its owner pays for parsing it.
        Decoded decoded = decoder.decode(record, me);
        if (decoded instanceof Decoded.OwnedElsewhere) {
            return Verdict.ACK;
        }
        if (decoded instanceof Decoded.Valid valid) {
            if (valid.envelope().type().owner() != me) {
                return Verdict.ACK;
            }
            CommandEnvelope env = valid.envelope();
            // The operation's first span: it continues the sender's trace (or starts one), and the saga keeps it.
            // It names the operation once accept() knows the command is new: a redelivery of a command sent without
            // a traceparent starts a trace of its own, which must not pass for the operation's.
            return spans.unchecked(env.type().typeName(), SpanKind.CONSUMER, env.trace(), null,
                    () -> QuarkusTransaction.requiringNew().call(() -> accept(env)));
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

    /**
     * Handling the record threw for another reason than an outage (a defect): the operation, when the record is a
     * command of this service, fails with InternalError, and the record is dead-lettered with the reason.
     */
    public Verdict failedInternally(RawCommandRecord record, Exception error) {
        String reason = Text.cut("akscompute could not handle the command: " + error, Text.REASON);
        Decoded decoded = decoder.decode(record);
        if (decoded instanceof Decoded.Valid valid && valid.envelope().type().owner() == identity.service()) {
            CommandEnvelope env = valid.envelope();
            spans.unchecked(env.type().typeName(), SpanKind.CONSUMER, env.trace(), env.id(), () -> {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (inbox.record(consumer(), env.id().toString(), Inbox.Outcome.REJECTED, hash(env)).isEmpty()) {
                        outbox.status(new OperationFailed(env.id(), env.command().workspace(),
                                env.command().computeName(), env.type().typeName(), ErrorCode.InternalError, reason,
                                List.of(), List.of()), env.id().toString());
                    }
                });
                return null;
            });
            return Verdict.deadLetter(reason);
        }
        return decoded instanceof Decoded.Rejected r && r.rejectedBy() == identity.service()
                ? Verdict.deadLetter(reason) : Verdict.ACK;
    }

    /** What makes two records with one id the same command: its type and data. */
    private static String hash(CommandEnvelope env) {
        return Inbox.hash(env.type().cloudEventType() + "\n" + Json.write(env.command()));
    }

    private Verdict accept(CommandEnvelope env) {
        String hash = hash(env);
        var earlier = inbox.record(consumer(), env.id().toString(), Inbox.Outcome.ACCEPTED, hash);
        if (earlier.isPresent()) {
            if (earlier.get().hash() != null && !earlier.get().hash().equals(hash)) {
                return Verdict.deadLetter("the command id " + env.id() + " was used before for another command;"
                        + " a command's id is its operation id and names one command only: send it with a new id");
            }
            LOG.infof("command %s was handled before (%s); ignoring the redelivery", env.id(), earlier.get().outcome());
            Span.current().setAttribute(Spans.REDELIVERED, true);
            return earlier.get().outcome() == Inbox.Outcome.REJECTED
                    ? Verdict.deadLetter("command " + env.id() + " was rejected before") : Verdict.ACK;
        }
        Span.current().setAttribute(Spans.OPERATION_ID, env.id().toString());
        var command = env.command();
        String operation = env.type().typeName();
        // Who sent it, before anything else: a refusal says what the caller lacks and nothing about the workspace.
        Callers.Verified verified = callers.verify(env.token());
        if (verified instanceof Callers.Unknown unknown) {
            return refuse(env, ErrorCode.Unauthenticated, unknown.reason(), Outbox.UNAUTHENTICATED, null);
        }
        Caller caller = ((Callers.Known) verified).caller();
        WorkspaceRole needed = CommandAccess.needed(env.type());
        if (!caller.may(command.workspace(), needed)) {
            return refuse(env, ErrorCode.Forbidden, Callers.forbidden(command.workspace(), needed) + ", which "
                    + operation + " needs", Outbox.USER, caller.subject());
        }
        List<Detail> violations = Preflight.check(command);
        if (!violations.isEmpty()) {
            inbox.settle(consumer(), env.id().toString(), Inbox.Outcome.HANDLED);
            outbox.status(new OperationFailed(env.id(), command.workspace(), command.computeName(), operation,
                    ErrorCode.ValidationFailed, summary(violations), violations, List.of()), env.id().toString(),
                    Outbox.USER, caller.subject());
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
        op.caller = caller.subject();
        op.createdAt = now;
        op.updatedAt = now;
        outbox.status(new OperationAccepted(env.id(), command.workspace(), command.computeName(), operation, now),
                env.id().toString(), op);
        for (OperationStarter starter : starters) {
            if (starter.handles(env.type())) {
                starter.start(op, env);
            }
        }
        // Persisted once a starter has set its status (running, or failed while the compute is busy): Hibernate
        // inserts the state an entity had when persisted, so persisting it first cost an update of the row too.
        em.persist(op);
        return Verdict.ACK;
    }

    /** A command its caller may not send: answered, settled in the inbox (a replay changes nothing), not started. */
    private Verdict refuse(CommandEnvelope env, ErrorCode code, String reason, String authType, String authId) {
        inbox.settle(consumer(), env.id().toString(), Inbox.Outcome.HANDLED);
        outbox.status(new OperationFailed(env.id(), env.command().workspace(), env.command().computeName(),
                env.type().typeName(), code, reason, List.of(), List.of()), env.id().toString(), authType, authId);
        LOG.infof("command %s (%s) refused: %s", env.id(), env.type().typeName(), reason);
        return Verdict.ACK;
    }

    private Verdict reject(Decoded.Rejected r) {
        if (r.operationId() != null) {
            var earlier = inbox.record(consumer(), r.operationId().toString(), Inbox.Outcome.REJECTED, null);
            if (earlier.isEmpty()) {
                outbox.status(new OperationFailed(r.operationId(), r.workspace(), r.computeName(),
                        r.type() == null ? "Unknown" : r.type().typeName(), ErrorCode.InvalidCommand, r.reason(),
                        r.details(), List.of()), r.operationId().toString(), Outbox.UNAUTHENTICATED, null);
            } else if (earlier.get().outcome() != Inbox.Outcome.REJECTED) {
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
