package io.akscompute.attacher.rest;

import io.akscompute.attacher.persistence.ComputeRegistry;
import io.akscompute.common.auth.Callers;
import io.akscompute.common.azure.AzureClients;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.rules.access.Caller;
import io.akscompute.common.rules.access.WorkspaceRole;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A compute's cluster admin kubeconfig, as {@code az aks get-credentials --admin} hands it out: for admins of the
 * workspace only, since it opens everything in the cluster (the TLS key among it). Each hand-out is logged with who.
 */
@Path("/workspaces/{workspace}/computes/{name}/kubeconfig")
@Tag(name = "computes")
public class CredentialsResource {
    private static final Logger LOG = Logger.getLogger(CredentialsResource.class);

    @Inject
    ComputeRegistry registry;

    @Inject
    Callers callers;

    @Inject
    AzureClients azure;

    @GET
    @Produces("application/yaml")
    @Operation(summary = "The cluster admin kubeconfig of a compute's cluster")
    public RestResponse<String> kubeconfig(@PathParam("workspace") String workspace, @PathParam("name") String name) {
        Caller caller = callers.require(workspace, WorkspaceRole.ADMIN);
        // Read in its own short transaction: the ARM call after it must not hold one open.
        String resourceId = QuarkusTransaction.requiringNew().call(() -> registry.find(workspace, name)
                .map(c -> c.clusterResourceId).orElse(null));
        if (resourceId == null) {
            return AzureAnswers.problem(RestResponse.Status.NOT_FOUND, ErrorCode.ComputeNotFound.name(),
                    "there is no compute " + name + " with a cluster in workspace " + workspace, List.of());
        }
        RestResponse<String> kubeconfig = AzureAnswers.adminKubeconfig(azure, resourceId);
        if (kubeconfig.getStatus() == 200) {
            LOG.infof("cluster admin credentials of %s/%s handed to %s", workspace, name, caller.subject());
        }
        return kubeconfig;
    }
}
