package io.akscompute.common.messaging;

import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.CommandType;
import java.util.UUID;

/** A command that was read successfully: the CloudEvent attributes and its typed data. */
public record CommandEnvelope(UUID id, CommandType type, String source, String subject, Command command) {
}
