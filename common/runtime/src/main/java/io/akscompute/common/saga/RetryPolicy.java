package io.akscompute.common.saga;

import java.time.Duration;

/**
 * How long a step may keep failing and how long the saga waits for others. Delays grow exponentially from
 * {@code initialDelay} up to {@code maxDelay}; a Retry-After wins when longer. {@code maxAttempts} counts failures
 * in a row: a success in between (an ARM operation that answered) starts the count again.
 *
 * @param redelivery how long a request may wait before a participant takes it: a killed participant's records reach
 *        a live consumer once its group session times out (10 s as the services configure it, so a service
 *        killed twice in a row still answers in time); added to the action's worst case to make
 *        the request's deadline
 * @param compensationTimeout how long an undo that keeps failing is tried again before it is reported as left
 *        undone
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration redelivery,
        Duration compensationTimeout) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(60),
            Duration.ofSeconds(60), Duration.ofMinutes(30));

    /** Delay before try number {@code attempt + 1}, after {@code attempt} failed tries (1-based). */
    public Duration backoff(int attempt, Duration retryAfter) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 20);
        Duration exponential = initialDelay.multipliedBy(factor);
        if (exponential.compareTo(maxDelay) > 0) {
            exponential = maxDelay;
        }
        return retryAfter != null && retryAfter.compareTo(exponential) > 0 ? retryAfter : exponential;
    }
}
