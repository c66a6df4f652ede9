package io.akscompute.common.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A CloudEvent waiting in the database until the relay has it acknowledged by Kafka. The entity is known by its
 * CloudEvent id, which the writer assigns, so that a transaction's rows are inserted together in one JDBC batch at
 * its commit; {@code seq}, the order the relay sends in, is the table's own (bigserial) and read by the relay only.
 */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage {
    @Column(insertable = false, updatable = false)
    public Long seq;

    /** The CloudEvent id. */
    @Id
    public UUID id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    @Column(name = "ce_type", nullable = false)
    public String ceType;

    @Column(name = "ce_source", nullable = false)
    public String ceSource;

    @Column(name = "ce_subject")
    public String ceSubject;

    @Column(name = "correlation_id")
    public UUID correlationId;

    @Column(name = "causation_id")
    public String causationId;

    @Column(nullable = false)
    public String payload;

    /** authcontext: {@code user} with the caller's subject, {@code unauthenticated}, or {@code system}. */
    @Column(name = "auth_type")
    public String authType;

    @Column(name = "auth_id")
    public String authId;

    /** The W3C trace context the event carries (CloudEvents traceparent, tracestate); null: none. */
    @Column(name = "trace_parent")
    public String traceParent;

    @Column(name = "trace_state")
    public String traceState;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** Set when the broker refused the row for good (too large, invalid): kept here, never sent. */
    @Column(name = "parked_at")
    public Instant parkedAt;

    @Column(name = "park_reason")
    public String parkReason;
}
