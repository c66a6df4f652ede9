package io.akscompute.common.participant;

import java.time.Instant;
import java.util.UUID;

/** What a participant's handler sees: the typed request, who asked, the clock, and a handle kept across tries. */
public final class ParticipantContext<R> {
    private final R request;
    private final ParticipantWork work;
    private final Instant now;

    ParticipantContext(R request, ParticipantWork work, Instant now) {
        this.request = request;
        this.work = work;
        this.now = now;
    }

    public R request() {
        return request;
    }

    public UUID sagaId() {
        return work.sagaId;
    }

    public UUID requestId() {
        return work.requestId;
    }

    public UUID operationId() {
        return work.operationId;
    }

    public String workspace() {
        return work.workspace;
    }

    public String computeName() {
        return work.computeName;
    }

    public Instant now() {
        return now;
    }

    /** When the request was taken: a handler that waits (for an address) measures its own deadline from here. */
    public Instant receivedAt() {
        return work.createdAt;
    }

    /** 1 on the first try, 2 on the first retry, ... */
    public int attempt() {
        return work.attempt + 1;
    }

    /** Whatever the handler noted on an earlier try of this request (e.g. "front end installed"), or null. */
    public String handle() {
        return work.handle;
    }

    public void handle(String handle) {
        work.handle = handle;
    }
}
