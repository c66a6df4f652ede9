package io.akscompute.console.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.client.AksComputeException;
import io.akscompute.client.ServiceApi;
import io.akscompute.common.contract.ComputeList;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.VersionListing;
import io.akscompute.common.contract.event.ComputeSnapshot;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.rules.Preflight;
import io.akscompute.common.rules.access.WorkspaceRole;
import io.akscompute.console.config.ConsoleConfig;
import io.akscompute.console.service.OperationLog;
import io.akscompute.console.service.SignedInUser;
import io.akscompute.console.service.Suite;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The pages that read: the workspaces a user may open, a workspace's computes, one compute, a location's versions. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class Pages {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance home(List<String> workspaces, boolean anyWorkspace, List<Detail> problems);

        static native TemplateInstance computes(String workspace, List<ComputeView> computes, boolean later,
                String nextPage, boolean operator);

        static native TemplateInstance compute(String workspace, ComputeView compute, List<OperationRow> operations,
                boolean operator);

        static native TemplateInstance versions(String location, VersionListing listing, String problem);

        static native TemplateInstance problem(String title, String message);
    }

    /** An operation in a compute's list. */
    public record OperationRow(String id, String operation, String status, String at) {
    }

    @Inject
    Suite suite;

    @Inject
    SignedInUser user;

    @Inject
    OperationLog log;

    @Inject
    ConsoleConfig config;

    @GET
    public Response home(@QueryParam("workspace") String open) {
        if (open != null) {
            List<Detail> problems = Preflight.checkWorkspace(open.strip());
            if (problems.isEmpty()) {
                return Response.seeOther(URI.create("/workspaces/" + encode(open.strip()))).build();
            }
            return Response.status(400).entity(Templates.home(user.namedWorkspaces(), user.anyWorkspace(), problems))
                    .build();
        }
        return Response.ok(Templates.home(user.namedWorkspaces(), user.anyWorkspace(), List.of())).build();
    }

    @GET
    @Path("workspaces/{workspace}")
    public Response computes(@PathParam("workspace") String workspace, @QueryParam("page") String page) {
        Optional<Response> refused = refused(workspace);
        if (refused.isPresent()) {
            return refused.get();
        }
        // One of the attacher's pages at a time: each compute with TLS costs a call to tls-manager.
        boolean later = page != null && !page.isBlank();
        ServiceApi.Response r = suite.attacher().get("/workspaces/" + encode(workspace) + "/computes?"
                + ComputeList.TOP + "=" + config.pageSize()
                + (later ? "&" + ComputeList.SKIP_TOKEN + "=" + encode(page) : ""));
        if (!r.ok()) {
            return problem(r.status(), "The computes of " + workspace + " could not be read", r.problem());
        }
        ComputeList list = read(r.body(), new TypeReference<>() { });
        List<ComputeView> views = new ArrayList<>();
        for (ComputeSnapshot c : list.value()) {
            views.add(ComputeView.of(c, certificateExpiry(workspace, c)));
        }
        return Response.ok(Templates.computes(workspace, views, later, list.skipToken().orElse(null),
                user.may(workspace, WorkspaceRole.OPERATOR))).build();
    }

    @GET
    @Path("workspaces/{workspace}/computes/{name}")
    public Response compute(@PathParam("workspace") String workspace, @PathParam("name") String name) {
        Optional<Response> refused = refused(workspace);
        if (refused.isPresent()) {
            return refused.get();
        }
        ServiceApi.Response r = suite.attacher().get("/workspaces/" + encode(workspace) + "/computes/" + encode(name));
        if (r.status() == 404) {
            return problem(404, "No compute " + name, "The workspace " + workspace + " has no compute named " + name
                    + ".");
        }
        if (!r.ok()) {
            return problem(r.status(), "The compute " + name + " could not be read", r.problem());
        }
        ComputeSnapshot snapshot = read(r.body(), new TypeReference<>() { });
        return Response.ok(Templates.compute(workspace, ComputeView.of(snapshot, certificateExpiry(workspace, snapshot)),
                operations(workspace, name), user.may(workspace, WorkspaceRole.OPERATOR))).build();
    }

    @GET
    @Path("versions")
    public Response versions(@QueryParam("location") String location) {
        String where = location == null || location.isBlank() ? "westus" : location.strip();
        try {
            return Response.ok(Templates.versions(where, suite.client().versions(where), null)).build();
        } catch (AksComputeException e) {
            return Response.status(502).entity(Templates.versions(where, null, e.getMessage())).build();
        }
    }

    /** The compute's operations as the owning services list them, and those started here but not yet accepted. */
    private List<OperationRow> operations(String workspace, String name) {
        List<OperationRow> rows = new ArrayList<>();
        String query = "/operations?workspace=" + encode(workspace) + "&computeName=" + encode(name);
        for (ServiceApi service : List.of(suite.attacher(), suite.provisioner())) {
            ServiceApi.Response r = service.get(query);
            if (r.ok()) {
                for (JsonNode op : read(r.body(), new TypeReference<List<JsonNode>>() { })) {
                    rows.add(new OperationRow(op.path("id").asText(), op.path("operation").asText(),
                            op.path("status").asText(), op.path("createdAt").asText()));
                }
            }
        }
        for (OperationLog.Started s : log.of(workspace, name)) {
            if (rows.stream().noneMatch(row -> row.id().equals(s.operation().id().toString()))) {
                rows.add(new OperationRow(s.operation().id().toString(), s.type(),
                        s.operation().outcome().isDone() ? "ENDED" : "SENT", s.at().toString()));
            }
        }
        rows.sort((a, b) -> b.at().compareTo(a.at()));
        return rows;
    }

    private Optional<Instant> certificateExpiry(String workspace, ComputeSnapshot c) {
        if (c.properties() == null || c.properties().sslConfiguration() == null
                || c.properties().sslConfiguration().certificateRef() == null) {
            return Optional.empty();
        }
        ServiceApi.Response r = suite.tlsManager().get("/workspaces/" + encode(workspace) + "/certificates/"
                + encode(c.properties().sslConfiguration().certificateRef()));
        if (!r.ok()) {
            return Optional.empty();
        }
        JsonNode notAfter = read(r.body(), new TypeReference<JsonNode>() { }).path("notAfter");
        return notAfter.isTextual() ? Optional.of(Instant.parse(notAfter.asText())) : Optional.empty();
    }

    /** A page saying the user has no role in the workspace, when they have none. */
    Optional<Response> refused(String workspace) {
        if (user.may(workspace, WorkspaceRole.READER)) {
            return Optional.empty();
        }
        return Optional.of(problem(403, "No access to " + workspace, "You have no role in the workspace " + workspace
                + ". Ask its admin for the reader role to see it, or the operator role to change its computes."));
    }

    static Response problem(int status, String title, String message) {
        return Response.status(status).entity(Templates.problem(title, message)).type(MediaType.TEXT_HTML).build();
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new AksComputeException("a service answered what the console cannot read: " + e.getMessage(), false);
        }
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
