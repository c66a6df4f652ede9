package io.akscompute.common.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.saga.StepResult;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every status and ARM code the classifier knows, and what a saga step makes of it. */
class AzureFailuresTest {

    static Stream<Arguments> armAnswers() {
        return Stream.of(
                // status, ARM code, message, kind, code the user sees when it is not retried
                Arguments.of(429, "TooManyRequests", "slow down", AzureFailure.Kind.THROTTLED, ErrorCode.AzureError),
                Arguments.of(408, "RequestTimeout", "too slow", AzureFailure.Kind.UNAVAILABLE, ErrorCode.AzureError),
                Arguments.of(500, "InternalServerError", "oops", AzureFailure.Kind.UNAVAILABLE, ErrorCode.AzureError),
                Arguments.of(502, "BadGateway", "oops", AzureFailure.Kind.UNAVAILABLE, ErrorCode.AzureError),
                Arguments.of(503, "ServiceUnavailable", "later", AzureFailure.Kind.UNAVAILABLE, ErrorCode.AzureError),
                Arguments.of(504, "GatewayTimeout", "later", AzureFailure.Kind.UNAVAILABLE, ErrorCode.AzureError),
                Arguments.of(404, "ResourceNotFound", "no such cluster", AzureFailure.Kind.NOT_FOUND,
                        ErrorCode.ClusterNotFound),
                Arguments.of(404, "ResourceGroupNotFound", "no such group", AzureFailure.Kind.NOT_FOUND,
                        ErrorCode.ClusterNotFound),
                Arguments.of(409, "OperationNotAllowed", "Another operation is in progress",
                        AzureFailure.Kind.CONFLICT, ErrorCode.AzureError),
                Arguments.of(400, "InvalidParameter", "bad vm size", AzureFailure.Kind.REFUSED, ErrorCode.AzureError),
                Arguments.of(403, "AuthorizationFailed", "no role", AzureFailure.Kind.REFUSED,
                        ErrorCode.AuthorizationFailed),
                Arguments.of(403, "RequestDisallowedByPolicy", "public IPs are forbidden", AzureFailure.Kind.REFUSED,
                        ErrorCode.PolicyViolation),
                Arguments.of(400, "QuotaExceeded", "exceeding quota limits of Core.", AzureFailure.Kind.REFUSED,
                        ErrorCode.QuotaExceeded),
                Arguments.of(409, "OperationNotAllowed", "exceeding approved Total Regional Cores quota",
                        AzureFailure.Kind.REFUSED, ErrorCode.QuotaExceeded));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("armAnswers")
    void armAnswersAreSortedOnce(int status, String code, String message, AzureFailure.Kind kind, ErrorCode fatal) {
        AzureFailure failure = AzureFailures.of(arm(status, code, message, null)).orElseThrow();

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.status()).isEqualTo(status);
        assertThat(failure.code()).isEqualTo(code);
        StepResult step = AzureFailures.classify(arm(status, code, message, null), "the AKS cluster x");
        if (failure.retryable()) {
            assertThat(step).isInstanceOf(StepResult.Retry.class);
            assertThat(((StepResult.Retry) step).reason()).startsWith("Azure answered " + status).contains(message);
        } else {
            assertThat(step).isInstanceOf(StepResult.Fail.class);
            StepResult.Fail fail = (StepResult.Fail) step;
            assertThat(fail.code()).isEqualTo(fatal);
            assertThat(fail.details()).contains(new Detail("azure.code", code));
            assertThat(fail.message()).contains("the AKS cluster x");
        }
    }

    @Test
    void throttlingHonoursRetryAfterInSeconds() {
        var retry = (StepResult.Retry) AzureFailures.classify(arm(429, "TooManyRequests", "slow down", "7"));
        assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(retry.reason()).startsWith("Azure answered 429 TooManyRequests");
        // an HTTP date is not seconds: the backoff decides
        assertThat(((StepResult.Retry) AzureFailures.classify(arm(503, "x", "y", "Wed, 21 Oct 2026 07:28:00 GMT")))
                .retryAfter()).isNull();
    }

    @Test
    void failuresWrappedByFuturesAreUnwrapped() {
        assertThat(AzureFailures.isNotFound(new CompletionException(arm(404, "ResourceNotFound", "gone", null))))
                .isTrue();
        assertThat(AzureFailures.isNotFound(arm(409, "Conflict", "busy", null))).isFalse();
        assertThat(AzureFailures.isNotFound(new IllegalStateException("x"))).isFalse();
    }

    static Stream<Arguments> kubernetesAnswers() {
        return Stream.of(Arguments.of(0, AzureFailure.Kind.UNAVAILABLE), Arguments.of(429, AzureFailure.Kind.THROTTLED),
                Arguments.of(503, AzureFailure.Kind.UNAVAILABLE), Arguments.of(404, AzureFailure.Kind.NOT_FOUND),
                Arguments.of(409, AzureFailure.Kind.CONFLICT), Arguments.of(401, AzureFailure.Kind.REFUSED),
                Arguments.of(403, AzureFailure.Kind.REFUSED), Arguments.of(422, AzureFailure.Kind.REFUSED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kubernetesAnswers")
    void kubernetesAnswersAreSortedTheSameWay(int status, AzureFailure.Kind kind) {
        AzureFailure failure = AzureFailures.of(new KubernetesClientException("refused", status, null)).orElseThrow();
        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.describe(null)).startsWith("the cluster's Kubernetes API");
        if (status == 0) {
            assertThat(failure.describe("writing the secret")).isEqualTo(
                    "writing the secret: the cluster's Kubernetes API could not be reached: refused");
        }
    }

    @Test
    void whatIsNotAnAzureAnswerIsRetriedWhenItIsIoAndAnInternalErrorOtherwise() {
        assertThat(AzureFailures.of(new UncheckedIOException(new IOException("reset")))).isEmpty();
        assertThat(AzureFailures.classify(new UncheckedIOException(new IOException("reset"))))
                .isInstanceOf(StepResult.Retry.class);
        assertThat(((StepResult.Fail) AzureFailures.classify(new NullPointerException("x"))).code())
                .isEqualTo(ErrorCode.InternalError);
    }

    @Test
    void aClusterPolicyRefusingTheFrontEndIsAPolicyViolationNamingIt() {
        var denied = new KubernetesClientException("admission webhook \"validation.gatekeeper.sh\" denied the request:"
                + " [azurepolicy-k8sazurev3allowedimages-4f2a] Container image mcr.microsoft.com/azureml/x is not"
                + " allowed", 403, null);

        var fail = (StepResult.Fail) AzureFailures.classify(denied, "the front end");

        assertThat(fail.code()).isEqualTo(ErrorCode.PolicyViolation);
        assertThat(fail.message()).startsWith("a policy in the cluster refused the front end: admission webhook")
                .contains("azurepolicy-k8sazurev3allowedimages-4f2a").contains("exempt that namespace");
    }

    @Test
    void anyOtherRefusalOfTheClusterIsAnAuthorizationFailureNotAnAzureError() {
        var forbidden = new KubernetesClientException("forbidden by the cluster's authorization webhook", 403, null);

        assertThat(((StepResult.Fail) AzureFailures.classify(forbidden, "the front end")).code())
                .isEqualTo(ErrorCode.AuthorizationFailed);
        assertThat(((StepResult.Fail) AzureFailures.classify(new KubernetesClientException("invalid", 422, null)))
                .code()).isEqualTo(ErrorCode.AzureError);
    }

    @Test
    void akscomputesOwnDatabaseAwayInsideAStepIsWaitedOutNotAFailure() {
        // A call outside that also reads the registry: the pooled connection PostgreSQL closed when it stopped.
        var closed = new RuntimeException("JDBC exception executing SQL",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));

        assertThat(AzureFailures.classify(closed, "the AKS cluster x")).isInstanceOf(StepResult.Wait.class);
    }

    @Test
    void anOperationUrlAnsweringIsClassifiedLikeACall() {
        assertThat(AzureFailures.ofStatus(429, null, "slow", "3").retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(AzureFailures.ofStatus(500, null, "x", null).retryable()).isTrue();
        assertThat(AzureFailures.ofStatus(400, "InvalidParameter", "x", null).retryable()).isFalse();
    }

    @Test
    void azureRefusalsAreSaidForPeople() {
        var policy = AzureFailures.translate("RequestDisallowedByPolicy", "Resource 'pip' was disallowed by policy.",
                "the AKS cluster x");
        assertThat(policy.code()).isEqualTo(ErrorCode.PolicyViolation);
        assertThat(policy.message()).contains("public IP").contains("userDefinedRouting");

        var quota = AzureFailures.translate("OperationNotAllowed", "Operation could not be completed as it results "
                + "in exceeding approved Total Regional Cores quota. Current Limit: 10", "the AKS cluster x");
        assertThat(quota.code()).isEqualTo(ErrorCode.QuotaExceeded);
        assertThat(quota.details()).contains(new Detail("quota", "Total Regional Cores"));
        assertThat(AzureFailures.translate("QuotaExceeded", "Operation results in exceeding quota limits of Core. "
                + "Maximum allowed: 10", "x").details()).contains(new Detail("quota", "Core"));

        var busy = AzureFailures.translate("OperationNotAllowed", "Another operation is in progress", "x");
        assertThat(busy.code()).isEqualTo(ErrorCode.AzureError);
        assertThat(busy.message()).contains("OperationNotAllowed").contains("Another operation is in progress");
    }

    @Test
    void aMissingRoleIsNamedWithItsScopeAndARoleThatGrantsIt() {
        String scope = "/subscriptions/22222222-0000-0000-0000-000000000002/resourceGroups/rg/providers/"
                + "Microsoft.ContainerService/managedClusters/aks";
        var read = AzureFailures.of(arm(403, "AuthorizationFailed", "The client 'c' with object id 'c' does not have "
                + "authorization to perform action 'Microsoft.ContainerService/managedClusters/read' over scope '"
                + scope + "' or the scope is invalid.", null)).orElseThrow().toStepResult("the AKS cluster aks");

        assertThat(read).isInstanceOfSatisfying(StepResult.Fail.class, f -> {
            assertThat(f.code()).isEqualTo(ErrorCode.AuthorizationFailed);
            assertThat(f.message()).contains("Microsoft.ContainerService/managedClusters/read").contains(scope)
                    .contains("Reader");
            assertThat(f.details()).contains(new Detail("scope", scope));
        });
        assertThat(AzureFailures.translate("AuthorizationFailed", "does not have authorization to perform action "
                + "'Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action' over scope '" + scope
                + "'", "x").message()).contains("Azure Kubernetes Service Cluster Admin Role");
        assertThat(AzureFailures.translate("AuthorizationFailed", "denied", "x").message())
                .contains("Contributor");
    }

    private static ManagementException arm(int status, String code, String message, String retryAfter) {
        Answer answer = new Answer(new HttpRequest(HttpMethod.GET, "https://management.azure.com/x"), status, retryAfter);
        return new ManagementException(message, answer, new ManagementError(code, message));
    }
}
