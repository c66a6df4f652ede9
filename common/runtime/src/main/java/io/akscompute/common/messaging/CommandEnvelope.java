package io.akscompute.common.messaging;

import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.CommandType;
import io.akscompute.common.tracing.TraceContext;
import java.util.UUID;

/**
 * A command that was read successfully: the CloudEvent attributes, its typed data and the caller's token as the
 * record carried it (not verified yet; {@code toString} never shows it), and the trace it continues.
 */
public record CommandEnvelope(UUID id, CommandType type, String source, String subject, Command command,
        String token, TraceContext trace) {

    @Override
    public String toString() {
        return "CommandEnvelope[" + id + ", " + type + ", " + subject + (token == null ? ", no token" : ", token")
                + "]";
    }
}
