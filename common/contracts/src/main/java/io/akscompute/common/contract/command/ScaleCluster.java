package io.akscompute.common.contract.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.akscompute.common.contract.Command;

/** Changes the node count; {@code agentVmSize}, when given, must equal the current size (AKS cannot change it). */
public record ScaleCluster(
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName,
        @JsonProperty(required = true) Integer agentCount,
        String agentVmSize) implements Command {
}
