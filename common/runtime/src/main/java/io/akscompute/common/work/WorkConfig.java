package io.akscompute.common.work;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@code akscompute.work.*}: how every {@link WorkLoop} runs, with settings per loop where one differs. */
@ConfigMapping(prefix = "akscompute.work")
public interface WorkConfig {

    /** How often a loop looks for due items it was not woken for (a crash, a delay that ran out, another instance). */
    @WithDefault("1s")
    Duration sweepInterval();

    /** The first sweep waits for this after start, so that the messaging channels are wired first. */
    @WithDefault("3s")
    Duration startDelay();

    /** At most this many items per wake-up; then the loop yields and wakes itself again. */
    @WithDefault("500")
    int itemsPerWake();

    /** A transaction that claims and works one item may take this long. */
    @WithDefault("300s")
    Duration transactionTimeout();

    /**
     * How long an item whose work calls outside stays out of other workers' reach without its lease renewed
     * ({@link Leases}); also how long it waits after the worker calling for it was killed.
     */
    @WithDefault("30s")
    Duration lease();

    /** Per loop, by {@link WorkSource#name()}: {@code akscompute.work.loops.outbox.sweep-interval=2s}. */
    Map<String, Loop> loops();

    interface Loop {
        Optional<Duration> sweepInterval();

        /** Worker threads (default 1); only for sources whose items are independent of each other. */
        Optional<Integer> workers();

        Optional<Duration> startDelay();
    }

    default Duration sweepInterval(String loop) {
        Loop l = loops().get(loop);
        return l == null ? sweepInterval() : l.sweepInterval().orElse(sweepInterval());
    }

    default int workers(String loop) {
        Loop l = loops().get(loop);
        return l == null ? 1 : l.workers().orElse(1);
    }

    default Duration startDelay(String loop) {
        Loop l = loops().get(loop);
        return l == null ? startDelay() : l.startDelay().orElse(startDelay());
    }
}
