package io.akscompute.common.contract.command;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.akscompute.common.contract.Command;
import java.util.List;

/** Re-reads the Kubernetes versions Azure offers in the given locations (all configured ones when empty). */
public record RefreshVersions(
        @JsonProperty(required = true) String workspace,
        List<String> locations) implements Command {

    /** Not about a compute: its events are keyed {@code <workspace>/versions}. */
    @JsonIgnore
    @Override
    public String computeName() {
        return "versions";
    }
}
