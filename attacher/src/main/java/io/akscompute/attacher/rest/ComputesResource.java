package io.akscompute.attacher.rest;

import io.akscompute.attacher.persistence.ComputeRegistry;
import io.akscompute.common.contract.event.ComputeSnapshot;
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

/** The workspace's computes, read-only, shaped like ARM's AKS compute. Changes go through commands. */
@Path("/workspaces/{workspace}/computes")
@Tag(name = "computes")
@Produces(MediaType.APPLICATION_JSON)
public class ComputesResource {

    @Inject
    ComputeRegistry registry;

    @GET
    @Operation(summary = "The computes of a workspace")
    public List<ComputeSnapshot> list(@PathParam("workspace") String workspace) {
        return registry.list(workspace).stream().map(ComputeRegistry::snapshot).toList();
    }

    @GET
    @Path("/{name}")
    @Transactional
    @Operation(summary = "One compute")
    public ComputeSnapshot get(@PathParam("workspace") String workspace, @PathParam("name") String name) {
        return registry.find(workspace, name).map(ComputeRegistry::snapshot)
                .orElseThrow(() -> new NotFoundException("there is no compute " + name + " in workspace " + workspace));
    }
}
