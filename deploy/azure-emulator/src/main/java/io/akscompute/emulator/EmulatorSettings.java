package io.akscompute.emulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Duration;
import java.util.Map;

/**
 * Behaviour that tests and the demo change at run time (through {@link EmulatorControl} or
 * {@code PUT /_emulator/settings}); persisted in the state directory.
 *
 * @param provisioningDelayMillis how long a long-running operation stays Creating/Updating/Deleting
 * @param operationDelaysMillis   per-operation override of that delay, keyed by operation id
 *                                (for example {@code ManagedClusters_Delete})
 * @param retryAfterSeconds       the {@code Retry-After} sent on every LRO and throttling answer; at least 1,
 *                                because the SDK treats 0 as "absent" and then waits 30 s
 * @param requestsPerSecond       ARM requests allowed per second before answering 429; 0 means no limit
 * @param legacyVersionsOnly      answer {@code kubernetesVersions} with 404 like an older cloud, so that only
 *                                the legacy {@code orchestrators} API works
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmulatorSettings(
        long provisioningDelayMillis,
        Map<String, Long> operationDelaysMillis,
        int retryAfterSeconds,
        int requestsPerSecond,
        boolean legacyVersionsOnly) {

    public EmulatorSettings {
        operationDelaysMillis = operationDelaysMillis == null ? Map.of() : Map.copyOf(operationDelaysMillis);
        if (provisioningDelayMillis < 0) {
            throw new IllegalArgumentException("provisioningDelayMillis must be >= 0");
        }
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be >= 1 (the SDK treats 0 as absent)");
        }
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("requestsPerSecond must be >= 0");
        }
    }

    public static EmulatorSettings defaults() {
        return new EmulatorSettings(2000, Map.of(), 1, 0, false);
    }

    public EmulatorSettings withProvisioningDelay(Duration delay) {
        return new EmulatorSettings(delay.toMillis(), operationDelaysMillis, retryAfterSeconds, requestsPerSecond,
                legacyVersionsOnly);
    }

    public EmulatorSettings withRequestsPerSecond(int limit) {
        return new EmulatorSettings(provisioningDelayMillis, operationDelaysMillis, retryAfterSeconds, limit,
                legacyVersionsOnly);
    }

    public EmulatorSettings withLegacyVersionsOnly(boolean legacyOnly) {
        return new EmulatorSettings(provisioningDelayMillis, operationDelaysMillis, retryAfterSeconds,
                requestsPerSecond, legacyOnly);
    }

    /** A delay for one operation id only, e.g. a slow {@code ManagedClusters_CreateOrUpdate}. */
    public EmulatorSettings withOperationDelay(String operationId, Duration delay) {
        Map<String, Long> delays = new java.util.HashMap<>(operationDelaysMillis);
        delays.put(operationId, delay.toMillis());
        return new EmulatorSettings(provisioningDelayMillis, delays, retryAfterSeconds, requestsPerSecond,
                legacyVersionsOnly);
    }

    /** The delay of one operation: its override if set, else the general one. */
    Duration delayOf(String operationId) {
        return Duration.ofMillis(operationDelaysMillis.getOrDefault(operationId, provisioningDelayMillis));
    }
}
