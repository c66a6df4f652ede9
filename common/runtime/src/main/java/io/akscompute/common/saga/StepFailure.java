package io.akscompute.common.saga;

import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.Detail;
import java.util.List;

/**
 * A refusal found deep inside a step or a participant's handler (an unknown certificate reference, a domain
 * taken), thrown up to it: the engines turn it into exactly this {@link StepResult.Fail}.
 */
public class StepFailure extends RuntimeException {
    private final transient StepResult.Fail result;

    public StepFailure(ErrorCode code, String message, List<Detail> details) {
        super(message, null, false, false);
        this.result = new StepResult.Fail(code, message, details == null ? List.of() : List.copyOf(details));
    }

    public StepFailure(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    /** A ValidationFailed naming the field. */
    public static StepFailure invalid(String field, String message) {
        return new StepFailure(ErrorCode.ValidationFailed, message, List.of(new Detail(field, message)));
    }

    public StepResult.Fail result() {
        return result;
    }
}
