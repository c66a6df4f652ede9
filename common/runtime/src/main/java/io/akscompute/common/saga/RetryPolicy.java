package io.akscompute.common.saga;

import java.time.Duration;

/**
 * How long a step may keep failing transiently and how long a participant may stay silent.
 * Delays grow exponentially from {@code initialDelay} up to {@code maxDelay}; a Retry-After wins when longer.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration participantTimeout,
        int participantAttempts) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(60),
            Duration.ofSeconds(30), 3);

    /** Delay before try number {@code attempt + 1}, after {@code attempt} failed tries (1-based). */
    public Duration backoff(int attempt, Duration retryAfter) {
        long factor = 1L << Math.min(attempt - 1, 20);
        Duration exponential = initialDelay.multipliedBy(factor);
        if (exponential.compareTo(maxDelay) > 0) {
            exponential = maxDelay;
        }
        return retryAfter != null && retryAfter.compareTo(exponential) > 0 ? retryAfter : exponential;
    }
}
