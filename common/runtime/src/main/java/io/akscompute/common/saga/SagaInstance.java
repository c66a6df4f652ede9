package io.akscompute.common.saga;

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

/** A running or finished saga, persisted by its owner; {@link SagaMachine} moves it, one transition at a time. */
@Entity
@Table(name = "saga_instance")
public class SagaInstance {
    public enum Status {
        RUNNING, COMPENSATING, SUCCEEDED, FAILED
    }

    @Id
    public UUID id;

    @Column(name = "operation_id", nullable = false)
    public UUID operationId;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String workspace;

    @Column(name = "compute_name", nullable = false)
    public String computeName;

    /** One running saga per compute at a time (the database holds it); false for RefreshVersions. */
    @Column(nullable = false)
    public boolean serialised = true;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** Index of the step being run (or, while compensating, undone). */
    @Column(name = "current_step", nullable = false)
    public int currentStep;

    /** Failed tries of the current step so far. */
    @Column(nullable = false)
    public int attempt;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** The saga's typed state as JSON. */
    @Column(nullable = false)
    public String state;

    /** The steps as JSON ({@link StepRecord}s). */
    @Column(nullable = false)
    public String steps;

    @Column(name = "pending_request_id")
    public UUID pendingRequestId;

    @Column(name = "request_attempts", nullable = false)
    public int requestAttempts;

    /** By when the pending request is to be done: its action's worst case from when it was first sent. */
    @Column(name = "request_deadline")
    public Instant requestDeadline;

    /** When the current step, or its undo, began: an undo is retried until the compensation timeout from here. */
    @Column(name = "step_started_at")
    public Instant stepStartedAt;

    /** The participant's reply to the pending request, once it arrived (JSON). */
    public String reply;

    @Column(name = "lro_handle")
    public String lroHandle;

    /** The message of the last progress event of the current step: a waiting step reports only news. */
    @Column(name = "last_message")
    public String lastMessage;

    @Column(name = "failure_code")
    public String failureCode;

    @Column(name = "failure_message")
    public String failureMessage;

    /** JSON list of {@code Detail}. */
    @Column(name = "failure_details")
    public String failureDetails;

    /** JSON list of the names of undone steps, in the order they were undone. */
    public String compensated;

    /** JSON list of what could not be undone, even after retrying, and what it left behind. */
    @Column(name = "compensation_failed")
    public String compensationFailed;

    /** Transitions in a row that threw (not a step's own failure): the saga is backed off, then failed. */
    @Column(nullable = false)
    public int failures;

    @Column(name = "last_error")
    public String lastError;

    /** The W3C trace context its steps continue (CloudEvents traceparent, tracestate); null: none. */
    @Column(name = "trace_parent")
    public String traceParent;

    @Column(name = "trace_state")
    public String traceState;

    /** The operation's verified caller, whom its status events name; null: akscompute's own (or an older saga). */
    public String caller;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** Not stored: the transition just committed leased the saga for a step's call outside. */
    @Transient
    boolean callPending;

    public boolean finished() {
        return status == Status.SUCCEEDED || status == Status.FAILED;
    }
}
