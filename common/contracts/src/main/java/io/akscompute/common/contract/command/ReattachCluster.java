package io.akscompute.common.contract.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.akscompute.common.contract.Command;

/** Reinstalls the in-cluster components at the current version, keeping registration and TLS. */
public record ReattachCluster(
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName) implements Command {
}
