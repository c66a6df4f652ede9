package io.akscompute.client;

/**
 * Why the client could not do what was asked: Kafka or a service cannot be reached ({@link #unreachable()}), a
 * service refused the request, or an operation had no outcome in time. An operation that ran and failed is not an
 * exception: its {@link Outcome} says so.
 */
public class AksComputeException extends RuntimeException {
    private final boolean unreachable;

    public AksComputeException(String message, boolean unreachable) {
        super(message);
        this.unreachable = unreachable;
    }

    static AksComputeException unreachable(String what, Throwable cause) {
        return new AksComputeException("cannot reach " + what + " (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")", true);
    }

    /** True when Kafka or a service did not answer (as opposed to answering no). */
    public boolean unreachable() {
        return unreachable;
    }
}
