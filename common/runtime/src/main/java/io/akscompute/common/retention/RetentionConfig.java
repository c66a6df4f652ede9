package io.akscompute.common.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code akscompute.retention.*}: how long the runtime keeps the rows it needs only for a while. */
@ConfigMapping(prefix = "akscompute.retention")
public interface RetentionConfig {

    /** An outbox row this long after the broker took it; nothing reads it again (parked rows are kept). */
    @WithDefault("24h")
    Duration outbox();

    /**
     * An inbox row this long after its message came, an answered saga request this long after its answer: longer
     * than any topic keeps a record (7 days, the dead-letter topics 30), so a redelivered or replayed message is
     * still known (and a request answered as before).
     */
    @WithDefault("31d")
    Duration inbox();

    /**
     * A finished operation (and its saga) this long after it ended: {@code GET /operations} shows this much
     * history, an older operation answers 404 as an unknown one does.
     */
    @WithDefault("90d")
    Duration operations();
}
