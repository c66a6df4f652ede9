package io.akscompute.common.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementException;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.saga.FailureClassifier;
import io.akscompute.common.saga.StepResult;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Sorts what a saga step threw into retryable (throttling, server errors, timeouts, broken connections,
 * honouring Retry-After) and fatal (everything Azure refused for a reason retrying cannot change).
 */
public final class AzureFailures {
    private AzureFailures() {
    }

    public static StepResult classify(Throwable error) {
        Throwable e = FailureClassifier.unwrap(error);
        if (e instanceof ManagementException me && me.getResponse() != null) {
            int status = me.getResponse().getStatusCode();
            String code = me.getValue() != null ? me.getValue().getCode() : String.valueOf(status);
            String message = me.getValue() != null ? me.getValue().getMessage() : me.getMessage();
            if (status == 429 || status >= 500) {
                return StepResult.retry(retryAfter(me), "Azure answered " + status + " " + code + ": " + message);
            }
            return StepResult.fail(ErrorCode.AzureError, "Azure refused with " + code + ": " + message,
                    java.util.List.of(new io.akscompute.common.contract.event.Detail("azure.code", code)));
        }
        if (e instanceof HttpResponseException he && he.getResponse() != null) {
            int status = he.getResponse().getStatusCode();
            if (status == 429 || status >= 500) {
                return StepResult.retry(retryAfter(he), "Azure answered " + status);
            }
            return StepResult.fail(ErrorCode.AzureError, "Azure refused with HTTP " + status + ": " + he.getMessage());
        }
        if (e instanceof KubernetesClientException ke) {
            int status = ke.getCode();
            if (status == 0 || status == 429 || status >= 500) {
                return StepResult.retry("the cluster's Kubernetes API answered " + status + ": " + ke.getMessage());
            }
            return StepResult.fail(ErrorCode.AzureError, "the cluster's Kubernetes API refused with " + status + ": "
                    + ke.getMessage());
        }
        return FailureClassifier.generic(e);
    }

    private static Duration retryAfter(HttpResponseException e) {
        String value = e.getResponse().getHeaderValue("Retry-After");
        try {
            return value == null ? null : Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException
                || t.getClass().getName().equals("reactor.core.Exceptions$ReactiveException")) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
