package io.akscompute.common.messaging;

import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.event.Detail;
import java.util.List;
import java.util.UUID;

/** The outcome of reading one record of {@code aks.commands}. */
public sealed interface Decoded {

    /** A readable command of a known type. */
    record Valid(CommandEnvelope envelope) implements Decoded {
    }

    /**
     * An unreadable record. Exactly one service rejects it ({@code rejectedBy}): the owner of its type when the
     * type is known, else the front door. An operation id is present when one could be recovered, and then the
     * rejecting service also answers with OperationFailed/InvalidCommand.
     */
    record Rejected(ServiceName rejectedBy, String reason, UUID operationId, CommandType type,
            String workspace, String computeName, List<Detail> details) implements Decoded {
    }

    /**
     * A command of a known type that the reader does not own, seen from its binary-mode headers alone: its owner
     * reads it and answers whatever is wrong with it, so the reader need not parse it.
     */
    record OwnedElsewhere(CommandType type) implements Decoded {
    }
}
