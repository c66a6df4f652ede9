package io.akscompute.attacher.rest;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import io.akscompute.attacher.persistence.ComputeRegistry;
import io.akscompute.common.auth.Callers;
import io.akscompute.common.azure.AzureClients;
import io.akscompute.common.azure.AzureFailure;
import io.akscompute.common.azure.AzureFailures;
import io.akscompute.common.azure.ClusterRef;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.rules.Preflight;
import io.akscompute.common.rules.access.Caller;
import io.akscompute.common.rules.access.WorkspaceRole;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * An AKS cluster as ARM shows it ({@code az aks show}), for those who may attach it: admins of the workspace, who
 * can already make the attacher read any cluster its identity sees. Its admin kubeconfig ({@code az aks
 * get-credentials}) only for a cluster attached to this workspace.
 */
@Path("/workspaces/{workspace}/clusters/{resourceGroup}/{name}")
@Tag(name = "clusters")
public class ClustersResource {
    private static final Logger LOG = Logger.getLogger(ClustersResource.class);
    /** The api-version the pinned azure-resourcemanager-containerservice sends for managed clusters. */
    static final String AKS_API_VERSION = "2025-09-01";
    private static final Pattern SUBSCRIPTION = Pattern.compile("[0-9a-fA-F-]{1,64}");

    @Inject
    Callers callers;

    @Inject
    AzureClients azure;

    @Inject
    ComputeRegistry registry;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The cluster as ARM shows it (az aks show)")
    public RestResponse<String> show(@PathParam("workspace") String workspace,
            @PathParam("resourceGroup") String resourceGroup, @PathParam("name") String name,
            @QueryParam("subscription") String subscription) {
        callers.require(workspace, WorkspaceRole.ADMIN);
        RestResponse<String> refused = refusal(resourceGroup, name, subscription);
        if (refused != null) {
            return refused;
        }
        // ARM's own JSON through the SDK's pipeline (credentials, retries): the SDK's model would drop the
        // read-only fields (id, fqdn, provisioningState...) when written back out.
        var aks = azure.containerServiceManager(subscription).serviceClient();
        String url = aks.getEndpoint().replaceAll("/+$", "") + "/subscriptions/" + aks.getSubscriptionId()
                + "/resourceGroups/" + resourceGroup + "/providers/Microsoft.ContainerService/managedClusters/" + name
                + "?api-version=" + AKS_API_VERSION;
        try (HttpResponse response = aks.getHttpPipeline().send(new HttpRequest(HttpMethod.GET, url)).block()) {
            String body = response.getBodyAsString().block();
            if (response.getStatusCode() == 200) {
                return RestResponse.ok(body);
            }
            AzureFailure failure = AzureFailures.ofResponse(response.getStatusCode(), body, null);
            if (failure.notFound()) {
                return AzureAnswers.problem(RestResponse.Status.NOT_FOUND, "ResourceNotFound", "The Resource "
                        + "'Microsoft.ContainerService/managedClusters/" + name + "' under resource group '"
                        + resourceGroup + "' was not found.", List.of());
            }
            return AzureAnswers.azureProblem(failure, "the AKS cluster " + name);
        }
    }

    @GET
    @Path("/kubeconfig")
    @Produces("application/yaml")
    @Operation(summary = "The admin kubeconfig of a cluster attached to this workspace (az aks get-credentials)")
    public RestResponse<String> kubeconfig(@PathParam("workspace") String workspace,
            @PathParam("resourceGroup") String resourceGroup, @PathParam("name") String name,
            @QueryParam("subscription") String subscription) {
        Caller caller = callers.require(workspace, WorkspaceRole.ADMIN);
        RestResponse<String> refused = refusal(resourceGroup, name, subscription);
        if (refused != null) {
            return refused;
        }
        // In its own short transaction: the ARM call after it must not hold one open.
        String resourceId = QuarkusTransaction.requiringNew().call(() -> registry
                .clustersNamed(workspace, resourceGroup, name).stream()
                .filter(id -> matches(id, subscription, resourceGroup, name))
                .findFirst().orElse(null));
        if (resourceId == null) {
            return AzureAnswers.problem(RestResponse.Status.NOT_FOUND, "ComputeNotFound", "no compute of workspace "
                    + workspace + " uses cluster " + resourceGroup + "/" + name + "; attach it first, or use "
                    + "get-credentials -n with the compute's name", List.of());
        }
        RestResponse<String> kubeconfig = AzureAnswers.adminKubeconfig(azure, resourceId);
        if (kubeconfig.getStatus() == 200) {
            LOG.infof("cluster admin credentials of %s handed to %s (workspace %s)", resourceId, caller.subject(),
                    workspace);
        }
        return kubeconfig;
    }

    private static boolean matches(String resourceId, String subscription, String resourceGroup, String name) {
        ClusterRef ref = ClusterRef.parse(resourceId);
        return ref.resourceGroup().equalsIgnoreCase(resourceGroup) && ref.name().equalsIgnoreCase(name)
                && (subscription == null || ref.subscriptionId().equalsIgnoreCase(subscription));
    }

    /** 400 with every problem when the names are not names Azure could have; null when they are. */
    private static RestResponse<String> refusal(String resourceGroup, String name, String subscription) {
        List<Detail> problems = new ArrayList<>(Preflight.checkCluster(resourceGroup, name));
        if (subscription != null && !SUBSCRIPTION.matcher(subscription).matches()) {
            problems.add(new Detail("subscription", "subscription must be a subscription id (a GUID)"));
        }
        if (problems.isEmpty()) {
            return null;
        }
        return AzureAnswers.problem(RestResponse.Status.BAD_REQUEST, "ValidationFailed",
                problems.stream().map(Detail::message).collect(Collectors.joining("; ")), problems);
    }

}
