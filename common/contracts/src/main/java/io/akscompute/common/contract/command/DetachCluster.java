package io.akscompute.common.contract.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.akscompute.common.contract.Command;

/** Removes the compute from the workspace; the AKS cluster itself stays. */
public record DetachCluster(
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName) implements Command {
}
