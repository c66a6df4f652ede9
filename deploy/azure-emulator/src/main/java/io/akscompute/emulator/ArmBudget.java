package io.akscompute.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ARM's per-subscription request budget: a bucket of writes and one of reads per subscription, refilled evenly
 * at the configured hourly rate and holding ten seconds' worth. A request takes one token; when none is left it is
 * answered 429. What is left is told in ARM's {@code x-ms-ratelimit-remaining-subscription-*} headers.
 */
final class ArmBudget {
    static final String REMAINING_WRITES = "x-ms-ratelimit-remaining-subscription-writes";
    static final String REMAINING_READS = "x-ms-ratelimit-remaining-subscription-reads";
    /** The bucket holds this many seconds of the hourly rate. */
    static final double BURST_SECONDS = 10;

    /** What one request found: its token taken (remaining >= 0), or none left and when the next comes. */
    record Spent(boolean admitted, long remaining, int retryAfterSeconds) {
    }

    private static final class Bucket {
        double tokens = Double.NaN;
        long refilledAtNanos;
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perHour the kind's hourly rate; 0: no budget (always admitted, nothing told) */
    Spent spend(String subscription, boolean write, int perHour, long nowNanos) {
        if (perHour <= 0) {
            return new Spent(true, -1, 0);
        }
        double rate = perHour / 3600.0;
        double capacity = Math.max(1, rate * BURST_SECONDS);
        Bucket bucket = buckets.computeIfAbsent(subscription.toLowerCase(java.util.Locale.ROOT) + (write ? "/w" : "/r"),
                k -> new Bucket());
        synchronized (bucket) {
            if (Double.isNaN(bucket.tokens)) {
                bucket.tokens = capacity;
            } else {
                bucket.tokens = Math.min(capacity, bucket.tokens + rate * (nowNanos - bucket.refilledAtNanos) / 1e9);
            }
            bucket.refilledAtNanos = nowNanos;
            if (bucket.tokens < 1) {
                return new Spent(false, 0, (int) Math.max(1, Math.ceil((1 - bucket.tokens) / rate)));
            }
            bucket.tokens -= 1;
            return new Spent(true, (long) Math.floor(bucket.tokens), 0);
        }
    }

    void clear() {
        buckets.clear();
    }
}
