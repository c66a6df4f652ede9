package io.akscompute.common.contract.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.akscompute.common.contract.Command;

/** Renews the auto-issued certificate of a compute now, instead of waiting for the schedule. */
public record RenewCertificate(
        @JsonProperty(required = true) String workspace,
        @JsonProperty(required = true) String computeName) implements Command {
}
