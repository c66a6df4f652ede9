package io.akscompute.console.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.akscompute.client.Operation;
import io.akscompute.client.ServiceApi;
import io.akscompute.client.StatusLines;
import io.akscompute.client.StatusUpdate;
import io.akscompute.common.contract.Json;
import io.akscompute.common.rules.access.WorkspaceRole;
import io.akscompute.console.domain.StreamQuota;
import io.akscompute.console.service.OperationLog;
import io.akscompute.console.service.SignedInUser;
import io.akscompute.console.service.Suite;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * An operation's page. One started here is followed live: its events come from aks.status through the client and
 * go to the browser as server-sent events, each as the lines the CLI prints. Any other is read from the service
 * that owns it ({@code GET /operations/{id}}), with the state of each step.
 */
@Path("/operations/{id}")
public class OperationPages {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance operation(String id, String type, String workspace, String computeName,
                boolean live, List<String> lines, String outcome, List<StepRow> steps);
    }

    /** A step as the owning service stored it. */
    public record StepRow(String name, String status, String message) {
    }

    /** Live progress pages a user may hold open at once. */
    static final int STREAMS_PER_USER = 10;

    private final StreamQuota streams = new StreamQuota(STREAMS_PER_USER);

    @Inject
    OperationLog log;

    @Inject
    SignedInUser user;

    @Inject
    Suite suite;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("id") String id) {
        UUID operationId = parse(id);
        Optional<OperationLog.Started> kept = log.find(operationId).filter(s -> user.may(s.workspace(),
                WorkspaceRole.READER));
        if (kept.isPresent()) {
            OperationLog.Started s = kept.get();
            List<StatusUpdate> sofar = new ArrayList<>();
            s.operation().onEvent(sofar::add).close(); // what has come so far, and no more
            boolean ended = s.operation().outcome().isDone();
            List<String> lines = ended ? sofar.stream().flatMap(u -> StatusLines.of(u).stream()).toList() : List.of();
            return Response.ok(Templates.operation(id, s.type(), s.workspace(), s.computeName(), !ended, lines,
                    ended ? outcome(sofar) : null, List.of())).build();
        }
        for (ServiceApi service : List.of(suite.attacher(), suite.provisioner(), suite.tlsManager())) {
            ServiceApi.Response r = service.get("/operations/" + operationId);
            if (r.ok()) {
                JsonNode op = Pages.read(r.body(), new TypeReference<JsonNode>() { });
                List<StepRow> steps = new ArrayList<>();
                op.path("saga").path("steps").forEach(step -> steps.add(new StepRow(step.path("name").asText(),
                        step.path("status").asText(), step.path("message").asText(""))));
                List<String> lines = new ArrayList<>();
                JsonNode saga = op.path("saga");
                if (saga.hasNonNull("failureCode")) {
                    lines.add("Failed " + saga.path("failureCode").asText() + ": " + saga.path("failureMessage")
                            .asText());
                    saga.path("failureDetails").forEach(d -> lines.add("- " + d.path("field").asText("") + ": "
                            + d.path("message").asText()));
                }
                return Response.ok(Templates.operation(id, op.path("operation").asText(),
                        op.path("workspace").asText(), op.path("computeName").asText(), false, lines,
                        op.path("status").asText(), steps)).type(MediaType.TEXT_HTML).build();
            }
        }
        return Pages.problem(404, "No operation " + id, "No service knows an operation " + id
                + " that you may see.");
    }

    /** Each event as it comes, from the first, as JSON: {@code {"lines": [...], "outcome": null|"Succeeded"|"Failed"}}. */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> events(@PathParam("id") String id) {
        OperationLog.Started s = log.find(parse(id)).filter(k -> user.may(k.workspace(), WorkspaceRole.READER))
                .orElseThrow(() -> new NotFoundException("not followed here"));
        String who = user.name();
        return Multi.createFrom().emitter(emitter -> {
            if (!streams.take(who)) {
                emitter.emit(message("this page is not followed live: you have " + STREAMS_PER_USER + " live "
                        + "progress pages open already; close some, then reload this one"));
                emitter.complete();
                return;
            }
            // The place is given back once, however the stream ends: even when the events already there end it
            // before onEvent returns its listener.
            AtomicReference<Operation.Listening> listening = new AtomicReference<>();
            AtomicBoolean ended = new AtomicBoolean();
            emitter.onTermination(() -> {
                ended.set(true);
                streams.release(who);
                close(listening.getAndSet(null));
            });
            listening.set(s.operation().onEvent(update -> {
                emitter.emit(event(update));
                if (update.isOutcome()) {
                    emitter.complete();
                }
            }));
            if (ended.get()) {
                close(listening.getAndSet(null));
            }
        });
    }

    private static void close(Operation.Listening listening) {
        if (listening != null) {
            listening.close();
        }
    }

    private static String message(String line) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.putArray("lines").add(line);
        json.putNull("outcome");
        return json.toString();
    }

    private static String event(StatusUpdate update) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.putPOJO("lines", StatusLines.of(update));
        json.put("outcome", update.isOutcome() ? outcome(List.of(update)) : null);
        return json.toString();
    }

    private static String outcome(List<StatusUpdate> updates) {
        return updates.stream().filter(StatusUpdate::isOutcome).findFirst()
                .map(u -> u.type().equals(StatusUpdate.SUCCEEDED) ? "Succeeded" : "Failed").orElse(null);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no operation " + id);
        }
    }
}
