package io.akscompute.emulator;

/**
 * ARM's request throttling, simplified: at most {@code limit} requests per one-second window, the
 * rest answer 429 until the window ends.
 */
final class RequestThrottle {

    private long windowStartMillis;
    private int count;

    /**
     * Counts a request and tells how many seconds the caller must wait, or 0 when it may go on.
     *
     * @param limit requests per second, 0 for no limit
     */
    synchronized int admit(int limit, long nowMillis) {
        if (limit <= 0) {
            return 0;
        }
        if (nowMillis - windowStartMillis >= 1000) {
            windowStartMillis = nowMillis;
            count = 0;
        }
        count++;
        return count <= limit ? 0 : 1;
    }
}
