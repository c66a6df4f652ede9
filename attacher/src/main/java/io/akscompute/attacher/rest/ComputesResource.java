package io.akscompute.attacher.rest;

import io.akscompute.attacher.persistence.Compute;
import io.akscompute.attacher.persistence.ComputeRegistry;
import io.akscompute.common.auth.Callers;
import io.akscompute.common.contract.ComputeList;
import io.akscompute.common.contract.event.ComputeSnapshot;
import io.akscompute.common.rules.access.WorkspaceRole;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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
    @Operation(summary = "The computes of a workspace, a page at a time in name order (ARM's value and nextLink)")
    public ComputeList list(@PathParam("workspace") String workspace,
            @Parameter(description = "computes per page, 1 to " + ComputeList.MAX_TOP + "; "
                    + ComputeList.DEFAULT_TOP + " when not given") @QueryParam(ComputeList.TOP) String top,
            @Parameter(description = "where the page starts, as the previous page's nextLink gives it")
            @QueryParam(ComputeList.SKIP_TOKEN) String skipToken,
            @Context UriInfo uri) {
        callers.require(workspace, WorkspaceRole.READER);
        int size = pageSize(top);
        String after = skipToken == null || skipToken.isEmpty() ? null : SkipToken.name(skipToken);
        // One more than the page, to know whether another follows.
        List<Compute> page = registry.page(workspace, after, size + 1);
        boolean more = page.size() > size;
        List<Compute> shown = more ? page.subList(0, size) : page;
        String next = !more ? null : uri.getRequestUriBuilder().replaceQueryParam(ComputeList.TOP, size)
                .replaceQueryParam(ComputeList.SKIP_TOKEN, SkipToken.of(shown.get(size - 1).name)).build().toString();
        return new ComputeList(shown.stream().map(ComputeRegistry::snapshot).toList(), next);
    }

    private static int pageSize(String top) {
        if (top == null) {
            return ComputeList.DEFAULT_TOP;
        }
        try {
            int size = Integer.parseInt(top.strip());
            if (size >= 1 && size <= ComputeList.MAX_TOP) {
                return size;
            }
        } catch (NumberFormatException e) {
            // refused below, as an out-of-range number is
        }
        throw new BadRequestException(ComputeList.TOP + " must be a whole number from 1 to " + ComputeList.MAX_TOP);
    }

    /** A page's start, opaque to callers: the last name shown, base64url-encoded. */
    static final class SkipToken {
        private static final int MAX_NAME = 64;

        static String of(String name) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
        }

        static String name(String token) {
            try {
                if (token.length() <= 4 * MAX_NAME) {
                    String name = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                    if (!name.isEmpty() && name.length() <= MAX_NAME) {
                        return name;
                    }
                }
            } catch (IllegalArgumentException e) {
                // refused below
            }
            throw new BadRequestException(ComputeList.SKIP_TOKEN + " is not one this service gave: take it from"
                    + " the previous page's nextLink");
        }
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
