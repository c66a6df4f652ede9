package io.akscompute.emulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
 * @param deniedSubscriptions     subscriptions the caller holds no role in: every request under them is refused
 *                                with 403 {@code AuthorizationFailed}, as ARM refuses an identity without access
 * @param writesPerHour           ARM's per-subscription budget of writes (PUT, POST, PATCH, DELETE), refilled
 *                                evenly over the hour and told in {@code x-ms-ratelimit-remaining-subscription-writes};
 *                                spent, a write answers 429; 0 means no budget (the default: tests opt in)
 * @param readsPerHour            the same for reads (GET, HEAD; ARM allows 12,000)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmulatorSettings(
        long provisioningDelayMillis,
        Map<String, Long> operationDelaysMillis,
        int retryAfterSeconds,
        int requestsPerSecond,
        boolean legacyVersionsOnly,
        Set<String> deniedSubscriptions,
        int writesPerHour,
        int readsPerHour) {

    public EmulatorSettings {
        operationDelaysMillis = operationDelaysMillis == null ? Map.of() : Map.copyOf(operationDelaysMillis);
        deniedSubscriptions = deniedSubscriptions == null ? Set.of() : deniedSubscriptions.stream()
                .map(sub -> sub.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (provisioningDelayMillis < 0) {
            throw new IllegalArgumentException("provisioningDelayMillis must be >= 0");
        }
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be >= 1 (the SDK treats 0 as absent)");
        }
        if (writesPerHour < 0 || readsPerHour < 0) {
            throw new IllegalArgumentException("writesPerHour and readsPerHour must be >= 0");
        }
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("requestsPerSecond must be >= 0");
        }
    }

    public static EmulatorSettings defaults() {
        return new EmulatorSettings(2000, Map.of(), 1, 0, false, Set.of(), 0, 0);
    }

    public EmulatorSettings withProvisioningDelay(Duration delay) {
        return new EmulatorSettings(delay.toMillis(), operationDelaysMillis, retryAfterSeconds, requestsPerSecond,
                legacyVersionsOnly, deniedSubscriptions, writesPerHour, readsPerHour);
    }

    public EmulatorSettings withRequestsPerSecond(int limit) {
        return new EmulatorSettings(provisioningDelayMillis, operationDelaysMillis, retryAfterSeconds, limit,
                legacyVersionsOnly, deniedSubscriptions, writesPerHour, readsPerHour);
    }

    public EmulatorSettings withLegacyVersionsOnly(boolean legacyOnly) {
        return new EmulatorSettings(provisioningDelayMillis, operationDelaysMillis, retryAfterSeconds,
                requestsPerSecond, legacyOnly, deniedSubscriptions, writesPerHour, readsPerHour);
    }

    /** A delay for one operation id only, e.g. a slow {@code ManagedClusters_CreateOrUpdate}. */
    public EmulatorSettings withOperationDelay(String operationId, Duration delay) {
        Map<String, Long> delays = new java.util.HashMap<>(operationDelaysMillis);
        delays.put(operationId, delay.toMillis());
        return new EmulatorSettings(provisioningDelayMillis, delays, retryAfterSeconds, requestsPerSecond,
                legacyVersionsOnly, deniedSubscriptions, writesPerHour, readsPerHour);
    }

    /** The identity loses every role in this subscription. */
    public EmulatorSettings withDeniedSubscription(String subscriptionId) {
        Set<String> denied = new java.util.HashSet<>(deniedSubscriptions);
        denied.add(subscriptionId);
        return new EmulatorSettings(provisioningDelayMillis, operationDelaysMillis, retryAfterSeconds,
                requestsPerSecond, legacyVersionsOnly, denied, writesPerHour, readsPerHour);
    }

    /** ARM's budget of a subscription: writes and reads per hour, as ARM allows them by default. */
    public EmulatorSettings withArmBudget(int writes, int reads) {
        return new EmulatorSettings(provisioningDelayMillis, operationDelaysMillis, retryAfterSeconds,
                requestsPerSecond, legacyVersionsOnly, deniedSubscriptions, writes, reads);
    }

    boolean denies(String subscriptionId) {
        return subscriptionId != null && deniedSubscriptions.contains(subscriptionId.toLowerCase(Locale.ROOT));
    }

    /** The delay of one operation: its override if set, else the general one. */
    Duration delayOf(String operationId) {
        return Duration.ofMillis(operationDelaysMillis.getOrDefault(operationId, provisioningDelayMillis));
    }
}
