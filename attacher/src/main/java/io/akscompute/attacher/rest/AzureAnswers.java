package io.akscompute.attacher.rest;

import io.akscompute.common.azure.AzureClients;
import io.akscompute.common.azure.AzureFailure;
import io.akscompute.common.azure.AzureFailures;
import io.akscompute.common.azure.ClusterRef;
import io.akscompute.common.azure.KubernetesClients;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.saga.StepResult;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestResponse;

/** What the cluster endpoints answer when they ask Azure on the caller's behalf. */
final class AzureAnswers {

    private AzureAnswers() {
    }

    static RestResponse<String> problem(RestResponse.Status status, String code, String message,
            List<Detail> details) {
        return RestResponse.ResponseBuilder.create(status, Json.write(Map.of("code", code, "message", message,
                "details", details))).type(MediaType.APPLICATION_JSON).build();
    }

    /**
     * Azure refused akscompute, not the caller: 503 when trying again may help, else 502, never ARM's own 401 or
     * 403, which a client would take for a refusal of its token.
     */
    static RestResponse<String> azureProblem(AzureFailure failure, String what) {
        StepResult result = failure.toStepResult(what);
        String message = result instanceof StepResult.Fail f ? f.message() : failure.describe(null);
        String code = result instanceof StepResult.Fail f ? f.code().name() : ErrorCode.AzureError.name();
        return problem(failure.retryable() ? RestResponse.Status.SERVICE_UNAVAILABLE
                : RestResponse.Status.BAD_GATEWAY, code, message, List.of());
    }

    /** The cluster's admin kubeconfig; 404 ClusterNotFound when the cluster is gone from Azure. */
    static RestResponse<String> adminKubeconfig(AzureClients azure, String clusterResourceId) {
        try {
            return RestResponse.ok(KubernetesClients.adminKubeconfig(azure, clusterResourceId));
        } catch (RuntimeException e) {
            AzureFailure failure = AzureFailures.of(e).orElseThrow(() -> e);
            if (failure.notFound()) {
                return problem(RestResponse.Status.NOT_FOUND, ErrorCode.ClusterNotFound.name(), "the cluster "
                        + clusterResourceId + " is gone from Azure; detach its compute", List.of());
            }
            return azureProblem(failure, "the credentials of the AKS cluster "
                    + ClusterRef.parse(clusterResourceId).name());
        }
    }
}
