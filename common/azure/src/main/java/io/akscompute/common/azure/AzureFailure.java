package io.akscompute.common.azure;

import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.saga.StepResult;
import java.time.Duration;
import java.util.List;

/**
 * What went wrong in a call to Azure Resource Manager or to a cluster's Kubernetes API, sorted once for every
 * service by {@link AzureFailures}: whether trying again can help, when, and which code the user is told.
 *
 * @param status the HTTP status (0 when the server could not be reached)
 * @param code ARM's error code ({@code QuotaExceeded}, {@code ResourceNotFound}, ...) or the status as text
 * @param retryAfter what Azure asked for in {@code Retry-After}, else null
 * @param api "Azure" or "the cluster's Kubernetes API": who answered, for messages
 */
public record AzureFailure(Kind kind, int status, String code, String message, Duration retryAfter, String api) {

    public enum Kind {
        /** 429: try again after Retry-After. */
        THROTTLED,
        /** 408, 5xx, no answer at all: try again with backoff. */
        UNAVAILABLE,
        /** 404: the resource (or its group, or its cluster) does not exist. */
        NOT_FOUND,
        /** 409: another operation on the resource is running, or it exists already. */
        CONFLICT,
        /** Any other refusal: trying again cannot change it. */
        REFUSED
    }

    public boolean retryable() {
        return kind == Kind.THROTTLED || kind == Kind.UNAVAILABLE;
    }

    public boolean notFound() {
        return kind == Kind.NOT_FOUND;
    }

    public boolean conflict() {
        return kind == Kind.CONFLICT;
    }

    /** The user-facing code of a failure that is not retried. */
    public ErrorCode errorCode() {
        return switch (kind) {
            case NOT_FOUND -> ErrorCode.ClusterNotFound;
            case THROTTLED, UNAVAILABLE, CONFLICT -> ErrorCode.AzureError;
            case REFUSED -> AzureFailures.errorCodeOf(code, message);
        };
    }

    /**
     * As a step's result: Retry when trying again can help, else Fail with the code and a message for people.
     *
     * @param what what the call was about ("the AKS cluster x"), or null
     */
    public StepResult toStepResult(String what) {
        if (retryable()) {
            // the step's progress names what it was doing; the reason says what Azure answered
            return StepResult.retry(retryAfter, describe(null));
        }
        String about = what == null ? "the request" : what;
        if (kind == Kind.REFUSED && AzureFailures.ARM.equals(api)) {
            return AzureFailures.translate(code, message, about);
        }
        if (kind == Kind.REFUSED && AzureFailures.KUBERNETES.equals(api) && status == 403) {
            return AzureFailures.clusterRefusal(message, about);
        }
        return StepResult.fail(errorCode(), describe(what), List.of(new Detail("azure.code", code)));
    }

    /** "Azure answered 429 TooManyRequests: ...", prefixed with what the call was about. */
    public String describe(String what) {
        String prefix = what == null ? "" : what + ": ";
        if (status == 0) {
            return prefix + api + " could not be reached: " + message;
        }
        String verb = retryable() ? " answered " : " refused with ";
        return prefix + api + verb + status + (code == null || code.equals(String.valueOf(status)) ? "" : " " + code)
                + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
