package io.akscompute.common.saga;

import java.time.Instant;

/** One step of a saga instance as stored and as {@code GET /operations/{id}} shows it. */
public record StepRecord(String name, Status status, int attempts, String message, Instant startedAt,
        Instant finishedAt, Boolean timedOut) {

    public enum Status {
        PENDING, RUNNING, DONE, SKIPPED, FAILED, COMPENSATING, COMPENSATED
    }

    static StepRecord pending(String name) {
        return new StepRecord(name, Status.PENDING, 0, null, null, null, null);
    }

    StepRecord with(Status newStatus, String newMessage, Instant now) {
        Instant started = startedAt == null ? now : startedAt;
        boolean finished = newStatus == Status.DONE || newStatus == Status.SKIPPED || newStatus == Status.FAILED
                || newStatus == Status.COMPENSATED;
        return new StepRecord(name, newStatus, attempts, newMessage == null ? message : newMessage, started,
                finished ? now : finishedAt, timedOut);
    }

    StepRecord tried() {
        return new StepRecord(name, status, attempts + 1, message, startedAt, finishedAt, timedOut);
    }

    /** The participant did not answer in time: it may have done the work, so the step is undone like a done one. */
    StepRecord markTimedOut() {
        return new StepRecord(name, status, attempts, message, startedAt, finishedAt, Boolean.TRUE);
    }

    boolean wasTimedOut() {
        return Boolean.TRUE.equals(timedOut);
    }
}
