package io.akscompute.common.contract.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.akscompute.common.contract.Command;

/**
 * Puts a drifted compute's front end and TLS secret back as recorded (the Service patched in place, keeping its
 * address); a changed node count is accepted as the new recorded one; a cluster gone from Azure fails.
 */
public record RepairCompute(
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName) implements Command {
}
