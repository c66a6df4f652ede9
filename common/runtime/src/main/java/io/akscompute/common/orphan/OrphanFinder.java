package io.akscompute.common.orphan;

import java.time.Instant;
import java.util.List;

/** What a service sweeps for: the resources it makes, judged against its own records. */
public interface OrphanFinder {

    /** At most {@code limit} orphans, found in the sweep's transaction (so the records it reads are consistent). */
    List<Orphan> find(int limit, Instant now);

    /** Removes one (starting its removal is enough); absent is fine. */
    void remove(Orphan orphan);
}
