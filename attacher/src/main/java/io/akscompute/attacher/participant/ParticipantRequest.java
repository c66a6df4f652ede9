package io.akscompute.attacher.participant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A saga request taken by the attacher: pending work until answered, then the stored reply. */
@Entity
@Table(name = "participant_request")
public class ParticipantRequest {
    public enum Status {
        PENDING, ANSWERED
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

    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    public Instant deadline;

    @Column(name = "front_end_installed", nullable = false)
    public boolean frontEndInstalled;

    public String reply;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
