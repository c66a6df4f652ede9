package io.akscompute.tlsmanager.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Work taken off the consumer thread (which never waits on Azure): a saga request or a RenewCertificate
 * operation. {@code reply} keeps a saga request's answer so a duplicate request gets it again.
 */
@Entity
@Table(name = "work_item")
public class WorkItem {
    public enum Kind {
        SAGA_REQUEST, RENEW_CERTIFICATE
    }

    public enum Status {
        PENDING, RUNNING, DONE
    }

    /** The saga request id, or the operation id of a RenewCertificate. */
    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String request;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    public String reply;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "claimed_at")
    public Instant claimedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "done_at")
    public Instant doneAt;
}
