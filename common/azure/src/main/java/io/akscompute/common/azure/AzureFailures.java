package io.akscompute.common.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementException;
import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.saga.FailureClassifier;
import io.akscompute.common.saga.StepResult;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that reads what Azure answered: HTTP status, ARM error code, {@code Retry-After}. Services ask
 * it ({@link #of}, {@link #isNotFound}, {@link #isConflict}, {@link #classify}) instead of looking at status codes
 * themselves.
 *
 * <table>
 * <tr><th>answer</th><th>kind</th><th>user sees</th></tr>
 * <tr><td>429</td><td>THROTTLED, after Retry-After</td><td>retried; AzureError when the tries run out</td></tr>
 * <tr><td>408, 5xx, no answer</td><td>UNAVAILABLE</td><td>retried; AzureError when the tries run out</td></tr>
 * <tr><td>404</td><td>NOT_FOUND</td><td>ClusterNotFound (a step that expects absence asks {@link #isNotFound})</td></tr>
 * <tr><td>409</td><td>CONFLICT</td><td>AzureError (a step that can wait asks {@link #isConflict})</td></tr>
 * <tr><td>412</td><td>REFUSED</td><td>AzureError (a conditional create asks {@link #isPreconditionFailed})</td></tr>
 * <tr><td>RequestDisallowedByPolicy</td><td>REFUSED</td><td>PolicyViolation, with the way out</td></tr>
 * <tr><td>QuotaExceeded, *quota*, OperationNotAllowed about quota</td><td>REFUSED</td><td>QuotaExceeded, naming the quota</td></tr>
 * <tr><td>403 from a cluster's API server</td><td>REFUSED</td><td>PolicyViolation when an admission webhook denied
 * it (naming the policy), else AuthorizationFailed</td></tr>
 * <tr><td>any other 4xx</td><td>REFUSED</td><td>AzureError with ARM's code</td></tr>
 * </table>
 */
public final class AzureFailures {
    static final String ARM = "Azure";
    static final String KUBERNETES = "the cluster's Kubernetes API";

    /** How the API server reports an admission webhook's refusal: {@code admission webhook "x" denied the request}. */
    private static final Pattern ADMISSION_DENIED = Pattern.compile("admission webhook \"[^\"]{1,253}\" denied");
    /** ARM's AuthorizationFailed message: "... perform action 'A' over scope 'S' ...". */
    private static final Pattern DENIED = Pattern.compile("perform action '([^']{1,300})' over scope '([^']{1,1000})'");
    // How ARM names the quota in its messages: "exceeding approved Total Regional Cores quota",
    // "quota limits of Core", "quota for resource 'standardDv2Family'".
    private static final List<Pattern> QUOTA_NAME = List.of(
            Pattern.compile("(?i)approved\\s+(.+?)\\s+quota"),
            Pattern.compile("(?i)quota\\s+limits?\\s+(?:of|for)\\s+['\"]?([\\w -]+?)['\"]?[.,;]"),
            Pattern.compile("(?i)quota\\s+(?:for|of)\\s+(?:resource\\s+)?['\"]?([\\w -]+?)['\"]?(?:[.,;]|\\s|$)"));

    private AzureFailures() {
    }

    /** The failure of a call to Azure or a cluster's Kubernetes API; empty for anything else (a defect, I/O). */
    public static Optional<AzureFailure> of(Throwable error) {
        Throwable e = FailureClassifier.unwrap(error);
        if (e instanceof HttpResponseException http && http.getResponse() != null) {
            int status = http.getResponse().getStatusCode();
            String code = null;
            String message = http.getMessage();
            if (e instanceof ManagementException m && m.getValue() != null) {
                code = m.getValue().getCode();
                message = m.getValue().getMessage();
            }
            return Optional.of(ofStatus(status, code, message, http.getResponse().getHeaderValue("Retry-After"), ARM));
        }
        if (e instanceof KubernetesClientException k) {
            String message = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage()
                    : String.valueOf(k.getMessage());
            return Optional.of(ofStatus(k.getCode(), null, message, null, KUBERNETES));
        }
        return Optional.empty();
    }

    /**
     * A non-2xx answer read straight off the wire (a call through the SDK's pipeline, not its client): status,
     * ARM's {@code {"error":{"code","message"}}} body (or whatever else came) and Retry-After.
     */
    public static AzureFailure ofResponse(int status, String body, String retryAfter) {
        JsonNode error = readOrEmpty(body).path("error");
        return ofStatus(status, error.path("code").asText(null), error.path("message").asText(body), retryAfter);
    }

    /** The body as JSON; an empty object when it is empty or not JSON (a proxy's page). */
    static JsonNode readOrEmpty(String body) {
        try {
            return Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    /** An answer seen as status, ARM code, message and Retry-After header (e.g. polling an operation URL). */
    public static AzureFailure ofStatus(int status, String armCode, String message, String retryAfter) {
        return ofStatus(status, armCode, message, retryAfter, ARM);
    }

    static AzureFailure ofStatus(int status, String armCode, String message, String retryAfter, String api) {
        String code = armCode != null ? armCode : String.valueOf(status);
        AzureFailure.Kind kind;
        if (status == 429) {
            kind = AzureFailure.Kind.THROTTLED;
        } else if (status == 0 || status == 408 || status >= 500) {
            kind = AzureFailure.Kind.UNAVAILABLE;
        } else if (errorCodeOf(code, message) != ErrorCode.AzureError) {
            kind = AzureFailure.Kind.REFUSED; // policy and quota refusals, whatever their status, are not transient
        } else if (status == 404) {
            kind = AzureFailure.Kind.NOT_FOUND;
        } else if (status == 409) {
            kind = AzureFailure.Kind.CONFLICT;
        } else {
            kind = AzureFailure.Kind.REFUSED;
        }
        return new AzureFailure(kind, status, code, message, seconds(retryAfter), api);
    }

    /** True when a conditional request was refused (412): an {@code If-None-Match: *} create found the resource. */
    public static boolean isPreconditionFailed(Throwable error) {
        return of(error).map(f -> f.status() == 412).orElse(false);
    }

    /** True when the call failed on a conflict (409): it exists already, or another change is running on it. */
    public static boolean isConflict(Throwable error) {
        return of(error).map(AzureFailure::conflict).orElse(false);
    }

    /** True when the call failed because the resource does not exist. */
    public static boolean isNotFound(Throwable error) {
        return of(error).map(AzureFailure::notFound).orElse(false);
    }

    /** Retry or Fail for what a step threw; anything that is not an Azure answer goes to the generic rule. */
    public static StepResult classify(Throwable error) {
        return classify(error, null);
    }

    /** The same, with what the call was about for the message ("the AKS cluster x"). */
    public static StepResult classify(Throwable error, String what) {
        return of(error).map(f -> f.toStepResult(what)).orElseGet(() -> FailureClassifier.generic(error));
    }

    /** A refusal Azure gave with this code and message, for an operation on {@code what}, said for people. */
    public static StepResult.Fail translate(String code, String message, String what) {
        String c = code == null ? "Unknown" : code;
        String m = message == null ? "" : message;
        List<Detail> details = List.of(new Detail("azure.code", c));
        ErrorCode errorCode = errorCodeOf(c, m);
        if (errorCode == ErrorCode.PolicyViolation) {
            return new StepResult.Fail(ErrorCode.PolicyViolation, "an Azure Policy refused " + what + ": " + m
                    + ". AKS needs a public IP address for the cluster's egress (outbound) traffic, which a policy "
                    + "forbidding public IPs blocks. Ask for an exemption for the cluster's resource groups, or "
                    + "route egress through your own firewall with a user-defined route (create the cluster with "
                    + "outboundType userDefinedRouting in a subnet whose route table sends 0.0.0.0/0 to the "
                    + "firewall, then attach it)", details);
        }
        if (errorCode == ErrorCode.AuthorizationFailed) {
            Matcher denied = DENIED.matcher(m);
            String action = denied.find() ? denied.group(1) : null;
            String scope = action != null ? denied.group(2) : null;
            return new StepResult.Fail(ErrorCode.AuthorizationFailed, "Azure refused " + what + ": akscompute's "
                    + "identity may not " + (action == null ? "do this" : action) + (scope == null ? ""
                    : " on " + scope) + ". Grant it a role that allows this on that scope (" + roleFor(action)
                    + "), or use a cluster in a subscription it can reach", scope == null ? details
                    : List.of(details.get(0), new Detail("scope", scope), new Detail("action", action)));
        }
        if (errorCode == ErrorCode.QuotaExceeded) {
            String quota = quotaName(m);
            return new StepResult.Fail(ErrorCode.QuotaExceeded, "Azure refused " + what + " for lack of quota"
                    + (quota == null ? "" : " (" + quota + ")") + ": " + m + ". Request a quota increase for the "
                    + "subscription and region, or choose fewer or smaller nodes", quota == null ? details
                    : List.of(details.get(0), new Detail("quota", quota)));
        }
        return new StepResult.Fail(ErrorCode.AzureError, "Azure refused " + what + " with " + c
                + (m.isEmpty() ? "" : ": " + m), details);
    }

    /**
     * A cluster's API server refusing akscompute (403). akscompute acts with the cluster's admin credentials, which
     * RBAC never refuses: what does is an admission webhook, mostly Azure Policy for AKS (Gatekeeper), so the user
     * is told which policy and what to exempt; anything else is an authorization webhook of the cluster's own.
     */
    static StepResult.Fail clusterRefusal(String message, String what) {
        String m = message == null ? "" : message;
        List<Detail> details = List.of(new Detail("azure.code", "403"));
        if (ADMISSION_DENIED.matcher(m).find()) {
            return new StepResult.Fail(ErrorCode.PolicyViolation, "a policy in the cluster refused " + what + ": " + m
                    + ". An admission webhook (Azure Policy for AKS, Gatekeeper or another) blocks what akscompute "
                    + "installs in namespace azureml: exempt that namespace from the policy, then re-attach the "
                    + "compute", details);
        }
        return new StepResult.Fail(ErrorCode.AuthorizationFailed, "the cluster's Kubernetes API refused " + what
                + ": " + m + ". akscompute uses the cluster's admin credentials, so an authorization webhook of the "
                + "cluster refused them: allow them there, then re-attach the compute", details);
    }

    /** The built-in role that grants an ARM action akscompute performs. */
    static String roleFor(String action) {
        if (action == null) {
            return "Contributor";
        }
        String a = action.toLowerCase(Locale.ROOT);
        if (a.contains("listclusteradmincredential")) {
            return "Azure Kubernetes Service Cluster Admin Role";
        }
        if (a.startsWith("microsoft.containerservice/")) {
            return a.endsWith("/read") ? "Reader" : "Azure Kubernetes Service Contributor Role";
        }
        return "Contributor";
    }

    /** PolicyViolation, QuotaExceeded, AuthorizationFailed or AzureError for an ARM error code and message. */
    static ErrorCode errorCodeOf(String code, String message) {
        String c = code == null ? "" : code;
        if (c.equalsIgnoreCase("RequestDisallowedByPolicy")) {
            return ErrorCode.PolicyViolation;
        }
        if (c.equalsIgnoreCase("AuthorizationFailed") || c.equalsIgnoreCase("LinkedAuthorizationFailed")) {
            return ErrorCode.AuthorizationFailed;
        }
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (c.toLowerCase(Locale.ROOT).contains("quota")
                || (c.equalsIgnoreCase("OperationNotAllowed") && lower.contains("quota"))) {
            return ErrorCode.QuotaExceeded;
        }
        return ErrorCode.AzureError;
    }

    static String quotaName(String message) {
        for (Pattern p : QUOTA_NAME) {
            Matcher m = p.matcher(message);
            if (m.find()) {
                return m.group(1).trim();
            }
        }
        return null;
    }

    private static Duration seconds(String retryAfter) {
        try {
            return retryAfter == null ? null : Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException notSeconds) {
            return null; // an HTTP date: the backoff decides
        }
    }
}
