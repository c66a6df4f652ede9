package io.akscompute.tlsmanager.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementException;
import io.akscompute.common.contract.ErrorCode;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** A failed call to Azure or to a cluster's Kubernetes API, with the code a saga reply carries. */
public class AzureFailure extends RuntimeException {
    private final ErrorCode code;
    private final boolean retryable;

    public AzureFailure(ErrorCode code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public ErrorCode code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Throttling, server errors and lost connections may succeed later; a missing cluster will not. */
    public static AzureFailure of(String what, RuntimeException e) {
        if (e instanceof AzureFailure f) {
            return f;
        }
        if (e instanceof HttpResponseException http && http.getResponse() != null) {
            int status = http.getResponse().getStatusCode();
            String armCode = e instanceof ManagementException m && m.getValue() != null ? m.getValue().getCode() : null;
            String armMessage = e instanceof ManagementException m && m.getValue() != null ? m.getValue().getMessage()
                    : http.getMessage();
            if (status == 404) {
                return new AzureFailure(ErrorCode.ClusterNotFound, what + ": the cluster does not exist ("
                        + armCode + ": " + armMessage + ")", false, e);
            }
            return new AzureFailure(ErrorCode.AzureError, what + ": Azure answered " + status
                    + (armCode == null ? "" : " " + armCode) + ": " + armMessage, retryable(status), e);
        }
        if (e instanceof KubernetesClientException k) {
            int status = k.getCode();
            String detail = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage()
                    : String.valueOf(k.getMessage());
            return new AzureFailure(ErrorCode.AzureError, what + ": the cluster's Kubernetes API "
                    + (status == 0 ? "could not be reached" : "answered " + status) + ": " + detail,
                    status == 0 || retryable(status), e);
        }
        // connection failures, timeouts: worth another try
        return new AzureFailure(ErrorCode.AzureError, what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                true, e);
    }

    static boolean retryable(int status) {
        return status == 429 || status == 408 || status >= 500;
    }
}
