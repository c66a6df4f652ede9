package io.akscompute.attacher.rest;

import io.akscompute.attacher.persistence.ComputeRegistry;
import io.akscompute.common.auth.Callers;
import io.akscompute.common.contract.event.ComputeSnapshot;
import io.akscompute.common.rules.access.WorkspaceRole;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The workspace's computes, read-only, shaped like ARM's AKS compute, for readers of the workspace. Changes go
 * through commands.
 */
@Path("/workspaces/{workspace}/computes")
@Tag(name = "computes")
@Produces(MediaType.APPLICATION_JSON)
public class ComputesResource {

    @Inject
    ComputeRegistry registry;

    @Inject
    Callers callers;

    @GET
    @Operation(summary = "The computes of a workspace")
    public List<ComputeSnapshot> list(@PathParam("workspace") String workspace) {
        callers.require(workspace, WorkspaceRole.READER);
        return registry.list(workspace).stream().map(ComputeRegistry::snapshot).toList();
    }

    @GET
    @Path("/{name}")
    @Transactional
    @Operation(summary = "One compute")
    public ComputeSnapshot get(@PathParam("workspace") String workspace, @PathParam("name") String name) {
        callers.require(workspace, WorkspaceRole.READER);
        return registry.find(workspace, name).map(ComputeRegistry::snapshot)
                .orElseThrow(() -> new NotFoundException("there is no compute " + name + " in workspace " + workspace));
    }
}
