package io.akscompute.common.messaging;

/** Nacks a record to {@code aks.commands.dlq}; SmallRye puts the message in the {@code dead-letter-reason} header. */
public class RejectedCommandException extends RuntimeException {
    public RejectedCommandException(String reason) {
        super(reason, null, false, false);
    }
}
