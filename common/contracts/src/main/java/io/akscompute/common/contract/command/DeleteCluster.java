package io.akscompute.common.contract.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.akscompute.common.contract.Command;

/** Detaches and deletes a cluster that akscompute created; attached clusters are refused. */
public record DeleteCluster(
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName) implements Command {
}
