package io.akscompute.common.orphan;

/**
 * A resource akscompute made that no compute or running operation accounts for: {@code kind} is {@code cluster},
 * {@code front-end} or {@code tls-secret}; {@code reason} says how the sweep knows.
 */
public record Orphan(String kind, String resourceId, String workspace, String computeName, String reason) {
}
