package io.akscompute.common.contract;

/** CloudEvents attribute conventions of akscompute (DESIGN.md, Contracts). */
public final class CloudEventTypes {
    public static final String SPEC_VERSION = "1.0";
    public static final String EXT_CORRELATION_ID = "correlationid";
    public static final String EXT_CAUSATION_ID = "causationid";
    /**
     * The CloudEvents authcontext extension: who caused the event. {@code authtype} is {@code user} (the command's
     * verified caller, named by {@code authid}, the token's subject), {@code unauthenticated} (a command without a
     * valid token) or {@code system} (akscompute on its own: renewals, sweeps). Never a token.
     */
    public static final String EXT_AUTH_TYPE = "authtype";
    public static final String EXT_AUTH_ID = "authid";
    public static final String JSON = "application/json";

    private CloudEventTypes() {
    }

    public static String of(String name) {
        return "akscompute." + name + ".v1";
    }

    public static String subject(String workspace, String computeName) {
        return "workspaces/" + workspace + "/computes/" + computeName;
    }

    /** Kafka key of every command and status event of one compute: keeps them on one partition. */
    public static String key(String workspace, String computeName) {
        return workspace + "/" + computeName;
    }
}
