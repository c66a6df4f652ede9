package io.akscompute.common.operation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** An operation a service accepted: the command, keyed by its CloudEvent id. */
@Entity
@Table(name = "operation")
public class Operation {
    public enum Status {
        ACCEPTED, RUNNING, SUCCEEDED, FAILED
    }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String workspace;

    @Column(name = "compute_name", nullable = false)
    public String computeName;

    @Column(name = "command_type", nullable = false)
    public String commandType;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** The command as JSON (never carries key material: certificates travel by reference). */
    @Column(nullable = false)
    public String command;

    /** The verified caller's subject (the token's {@code sub}); the token itself is never kept. */
    @Column(name = "caller")
    public String caller;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
