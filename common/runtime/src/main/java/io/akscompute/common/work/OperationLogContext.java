package io.akscompute.common.work;

import java.util.UUID;
import org.jboss.logging.MDC;

/**
 * The operation a log line is written for: its id, workspace and compute, put in the logging context (MDC) while
 * the operation's work runs, so that every line says which operation it belongs to (in JSON as fields, in text as
 * {@code {compute=..., operationId=..., workspace=...}}).
 */
public record OperationLogContext(UUID operationId, String workspace, String compute) {
    public static final OperationLogContext NONE = new OperationLogContext(null, null, null);
    public static final String OPERATION_ID = "operationId";
    public static final String WORKSPACE = "workspace";
    public static final String COMPUTE = "compute";

    /** Puts the context in place; closing takes it out again. */
    public Scope enter() {
        if (operationId == null) {
            return () -> { };
        }
        MDC.put(OPERATION_ID, operationId.toString());
        if (workspace != null) {
            MDC.put(WORKSPACE, workspace);
        }
        if (compute != null) {
            MDC.put(COMPUTE, compute);
        }
        return () -> {
            MDC.remove(OPERATION_ID);
            MDC.remove(WORKSPACE);
            MDC.remove(COMPUTE);
        };
    }

    /** An entered context; closing it never throws. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
