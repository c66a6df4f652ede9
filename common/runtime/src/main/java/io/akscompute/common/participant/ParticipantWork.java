package io.akscompute.common.participant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A saga request this service took: pending work until answered, then the reply it sent (for a repeated ask). */
@Entity
@Table(name = "participant_work")
public class ParticipantWork {
    public enum Status {
        PENDING, ANSWERED,
        /** Not done: its deadline passed first. The owner has given up on it, or will; nothing is sent. */
        DROPPED
    }

    @Id
    @Column(name = "request_id")
    public UUID requestId;

    @Column(name = "saga_id", nullable = false)
    public UUID sagaId;

    @Column(name = "operation_id", nullable = false)
    public UUID operationId;

    @Column(nullable = false)
    public String action;

    @Column(name = "reply_to", nullable = false)
    public String replyTo;

    @Column(nullable = false)
    public String workspace;

    @Column(name = "compute_name", nullable = false)
    public String computeName;

    /** The request's payload as JSON. */
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** Tries of the handler that ended in a transient failure. */
    @Column(nullable = false)
    public int attempt;

    /** Tries in a row that threw outside the handler (a defect, a commit that failed). */
    @Column(nullable = false)
    public int failures;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** The owner's deadline: past it the work is dropped, not done late. */
    public Instant deadline;

    /** What the handler noted across tries. */
    public String handle;

    @Column(name = "last_error")
    public String lastError;

    /** The SagaReply sent, as JSON. */
    public String reply;

    /** The request's W3C trace context (CloudEvents traceparent, tracestate), which the reply continues; null: none. */
    @Column(name = "trace_parent")
    public String traceParent;

    @Column(name = "trace_state")
    public String traceState;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The lease's token while a handler that calls outside runs ({@code Leases}). */
    @Version
    public long version;

    /** Not stored: the transaction just committed leased the request for its handler's call outside. */
    @Transient
    boolean callPending;
}
