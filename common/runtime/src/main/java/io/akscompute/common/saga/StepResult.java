package io.akscompute.common.saga;

import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.Detail;
import java.time.Duration;
import java.util.List;

/** What a step's action decided: the saga engine turns it into the next state and the events to publish. */
public sealed interface StepResult {

    /**
     * The step is finished; {@code message} goes into its progress event. A participant's {@code result} goes into
     * its reply (a saga's own steps keep theirs in the saga state).
     */
    record Done(String message, Object result) implements StepResult {
    }

    /** Not finished, nothing wrong (an ARM operation still running): look again after {@code after}. */
    record Wait(Duration after, String message) implements StepResult {
    }

    /**
     * A transient failure (throttling, 5xx, timeout): try again, honouring {@code retryAfter} when Azure gave one;
     * when the tries run out the saga fails with {@code giveUpCode}.
     */
    record Retry(Duration retryAfter, String reason, ErrorCode giveUpCode) implements StepResult {
    }

    /** A failure that retrying cannot fix: the saga compensates what it did and fails with this code. */
    record Fail(ErrorCode code, String message, List<Detail> details) implements StepResult {
    }

    static StepResult done() {
        return new Done(null, null);
    }

    static StepResult done(String message) {
        return new Done(message, null);
    }

    static StepResult done(String message, Object result) {
        return new Done(message, result);
    }

    static StepResult waitFor(Duration after, String message) {
        return new Wait(after, message);
    }

    static StepResult retry(String reason) {
        return new Retry(null, reason, ErrorCode.AzureError);
    }

    static StepResult retry(Duration retryAfter, String reason) {
        return new Retry(retryAfter, reason, ErrorCode.AzureError);
    }

    static StepResult retry(Duration retryAfter, String reason, ErrorCode giveUpCode) {
        return new Retry(retryAfter, reason, giveUpCode);
    }

    static StepResult fail(ErrorCode code, String message) {
        return new Fail(code, message, List.of());
    }

    static StepResult fail(ErrorCode code, String message, List<Detail> details) {
        return new Fail(code, message, details);
    }
}
