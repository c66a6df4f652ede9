package io.akscompute.common.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One way a compute's cluster differs from what akscompute recorded: {@code field} names what was compared
 * ({@code frontEnd.service}, {@code loadBalancerType}, {@code tls.certificateFingerprint}, {@code agentCount},
 * {@code cluster}, ...), {@code expected} is the recorded value and {@code actual} what the cluster shows
 * ({@code missing} when it is not there).
 */
public record DriftDifference(
        @JsonProperty(required = true) String field,
        String expected,
        String actual) {
}
