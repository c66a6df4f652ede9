package io.akscompute.common.contract;

/** Kafka headers a command carries besides the CloudEvent's own. */
public final class CommandHeaders {
    /**
     * The caller's bearer JWT (compact form, optionally prefixed {@code Bearer }), from the same issuer the REST APIs
     * trust. The owning service verifies it before anything else; it is never copied into an event or a log.
     */
    public static final String AUTHORIZATION = "akscompute-authorization";

    private CommandHeaders() {
    }
}
