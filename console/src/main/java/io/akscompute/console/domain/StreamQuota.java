package io.akscompute.console.domain;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many live progress pages each user may hold open at once: each one is a listener the client's reader thread
 * calls for every event, and a page of an operation that never ends stays open until its browser closes it.
 */
public final class StreamQuota {
    private final int perUser;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    public StreamQuota(int perUser) {
        this.perUser = perUser;
    }

    /** Takes a place for one more of the user's streams; false when the user holds {@link #perUser} already. */
    public boolean take(String user) {
        boolean[] taken = {false};
        open.compute(user, (u, held) -> {
            int n = held == null ? 0 : held;
            if (n >= perUser) {
                return held;
            }
            taken[0] = true;
            return n + 1;
        });
        return taken[0];
    }

    /** Gives a place back when a stream ends. */
    public void release(String user) {
        open.computeIfPresent(user, (u, held) -> held <= 1 ? null : held - 1);
    }

    /** The user's streams open now. */
    public int held(String user) {
        return open.getOrDefault(user, 0);
    }
}
