package io.akscompute.console.rest;

import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.command.DeleteCluster;
import io.akscompute.common.contract.command.DetachCluster;
import io.akscompute.common.contract.command.ReattachCluster;
import io.akscompute.common.rules.access.WorkspaceRole;
import io.akscompute.console.domain.CommandForms;
import io.akscompute.console.service.OperationLog;
import io.akscompute.console.service.SignedInUser;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The forms that change something: each checks the command with the services' own preflight rules and shows every
 * problem beside its field, or publishes it with the user's token and goes to the operation's page.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class Actions {
    /** A form has at most this many fields; the rest are not read. */
    static final int MAX_FIELDS = 100;
    /** What a create or attach form shows first: Azure ML's defaults. */
    private static final Map<String, String> NEW_CLUSTER = Map.of("clusterPurpose", "FastProd", "loadBalancerType",
            "PublicIp", "sslConfiguration.status", "Disabled");

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance create(String workspace, Map<String, String> form,
                Map<String, List<String>> problems);

        static native TemplateInstance attach(String workspace, Map<String, String> form,
                Map<String, List<String>> problems);

        static native TemplateInstance update(String workspace, String name, Map<String, String> form,
                Map<String, List<String>> problems);

        static native TemplateInstance scale(String workspace, String name, Map<String, String> form,
                Map<String, List<String>> problems);

        static native TemplateInstance confirm(String workspace, String name, String action, String title,
                String explanation);
    }

    @Inject
    SignedInUser user;

    @Inject
    OperationLog log;

    @Inject
    Pages pages;

    @GET
    @Path("workspaces/{workspace}/create")
    public Response createForm(@PathParam("workspace") String workspace) {
        return allowed(workspace).orElseGet(() -> Response.ok(Templates.create(workspace, NEW_CLUSTER, Map.of()))
                .build());
    }

    @POST
    @Path("workspaces/{workspace}/create")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@PathParam("workspace") String workspace, MultivaluedMap<String, String> body) {
        Map<String, String> form = fields(body);
        return sendOrShowAgain(workspace, () -> CommandForms.create(workspace, form), CommandForms.CREATE_FIELDS,
                problems -> Templates.create(workspace, form, problems));
    }

    @GET
    @Path("workspaces/{workspace}/attach")
    public Response attachForm(@PathParam("workspace") String workspace) {
        return allowed(workspace).orElseGet(() -> Response.ok(Templates.attach(workspace, NEW_CLUSTER, Map.of()))
                .build());
    }

    @POST
    @Path("workspaces/{workspace}/attach")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response attach(@PathParam("workspace") String workspace, MultivaluedMap<String, String> body) {
        Map<String, String> form = fields(body);
        return sendOrShowAgain(workspace, () -> CommandForms.attach(workspace, form), CommandForms.ATTACH_FIELDS,
                problems -> Templates.attach(workspace, form, problems));
    }

    @GET
    @Path("workspaces/{workspace}/computes/{name}/update")
    public Response updateForm(@PathParam("workspace") String workspace, @PathParam("name") String name) {
        return allowed(workspace).orElseGet(() -> Response.ok(Templates.update(workspace, name, Map.of(), Map.of()))
                .build());
    }

    @POST
    @Path("workspaces/{workspace}/computes/{name}/update")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("workspace") String workspace, @PathParam("name") String name,
            MultivaluedMap<String, String> body) {
        Map<String, String> form = fields(body);
        return sendOrShowAgain(workspace, () -> CommandForms.update(workspace, name, form),
                CommandForms.UPDATE_FIELDS, problems -> Templates.update(workspace, name, form, problems));
    }

    @GET
    @Path("workspaces/{workspace}/computes/{name}/scale")
    public Response scaleForm(@PathParam("workspace") String workspace, @PathParam("name") String name) {
        return allowed(workspace).orElseGet(() -> Response.ok(Templates.scale(workspace, name, Map.of(), Map.of()))
                .build());
    }

    @POST
    @Path("workspaces/{workspace}/computes/{name}/scale")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response scale(@PathParam("workspace") String workspace, @PathParam("name") String name,
            MultivaluedMap<String, String> body) {
        Map<String, String> form = fields(body);
        return sendOrShowAgain(workspace, () -> CommandForms.scale(workspace, name, form), CommandForms.SCALE_FIELDS,
                problems -> Templates.scale(workspace, name, form, problems));
    }

    /** Re-attach, detach and delete ask once, then act: {@code action} is one of those three. */
    @GET
    @Path("workspaces/{workspace}/computes/{name}/{action:reattach|detach|delete}")
    public Response confirm(@PathParam("workspace") String workspace, @PathParam("name") String name,
            @PathParam("action") String action) {
        return allowed(workspace).orElseGet(() -> Response.ok(switch (action) {
            case "reattach" -> Templates.confirm(workspace, name, action, "Re-attach " + name,
                    "Installs the in-cluster components again at the current version. The scoring endpoint keeps "
                            + "its address.");
            case "detach" -> Templates.confirm(workspace, name, action, "Detach " + name,
                    "Removes akscompute's components from the cluster and the compute from the workspace. The "
                            + "cluster itself stays.");
            default -> Templates.confirm(workspace, name, action, "Delete " + name,
                    "Detaches the compute and deletes the AKS cluster akscompute created for it. This cannot be "
                            + "undone.");
        }).build());
    }

    @POST
    @Path("workspaces/{workspace}/computes/{name}/{action:reattach|detach|delete}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response act(@PathParam("workspace") String workspace, @PathParam("name") String name,
            @PathParam("action") String action) {
        return allowed(workspace).orElseGet(() -> started(switch (action) {
            case "reattach" -> new ReattachCluster(workspace, name);
            case "detach" -> new DetachCluster(workspace, name);
            default -> new DeleteCluster(workspace, name);
        }));
    }

    /** Sends the checked command, or shows the form again with every problem beside its field. */
    private Response sendOrShowAgain(String workspace, Supplier<CommandForms.Checked<?>> check, List<String> fields,
            Function<Map<String, List<String>>, TemplateInstance> formAgain) {
        return allowed(workspace).orElseGet(() -> {
            CommandForms.Checked<?> checked = check.get();
            return checked.ok() ? started(checked.command())
                    : Response.status(400).entity(formAgain.apply(checked.byField(fields))).build();
        });
    }

    private Response started(Command command) {
        OperationLog.Started s = log.start(command, user.name());
        return Response.seeOther(URI.create("/operations/" + s.operation().id())).build();
    }

    /** Empty when the user may change the workspace's computes; else the page that says why not. */
    private Optional<Response> allowed(String workspace) {
        Optional<Response> notEvenReader = pages.refused(workspace);
        if (notEvenReader.isPresent() || user.may(workspace, WorkspaceRole.OPERATOR)) {
            return notEvenReader;
        }
        return Optional.of(Pages.problem(403, "Read only", "Your role in " + workspace + " lets you see its computes,"
                + " not change them: that takes the operator role."));
    }

    private static Map<String, String> fields(MultivaluedMap<String, String> body) {
        Map<String, String> form = new HashMap<>();
        for (var e : body.entrySet()) {
            if (form.size() == MAX_FIELDS) {
                break;
            }
            if (!e.getValue().isEmpty()) {
                form.put(e.getKey(), e.getValue().get(0));
            }
        }
        return form;
    }
}
