package io.akscompute.tlsmanager.service;

import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.tlsmanager.azure.AzureFailure;
import java.util.List;

/** Why a request or operation could not be carried out, as a saga reply or OperationFailed tells it. */
public class Failure extends RuntimeException {
    private final ErrorCode code;
    private final boolean retryable;
    private final List<Detail> details;

    public Failure(ErrorCode code, String message, boolean retryable, List<Detail> details) {
        super(message, null, false, false);
        this.code = code;
        this.retryable = retryable;
        this.details = details == null ? List.of() : List.copyOf(details);
    }

    public static Failure of(ErrorCode code, String message) {
        return new Failure(code, message, false, List.of());
    }

    public static Failure validation(String field, String message) {
        return new Failure(ErrorCode.ValidationFailed, message, false, List.of(new Detail(field, message)));
    }

    public static Failure of(AzureFailure e) {
        return new Failure(e.code(), e.getMessage(), e.retryable(), List.of());
    }

    public ErrorCode code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    public List<Detail> details() {
        return details;
    }
}
