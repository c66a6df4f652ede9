package io.akscompute.common.rest;

import io.akscompute.common.auth.Callers;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.operation.Operation;
import io.akscompute.common.rules.access.WorkspaceRole;
import io.akscompute.common.saga.SagaEngine;
import io.akscompute.common.saga.SagaInstance;
import io.akscompute.common.saga.SagaMachine;
import io.akscompute.common.saga.StepRecord;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An operation this service accepted, with its saga's steps: what {@code az ml ... --show-output} prints; for
 * readers of its workspace.
 */
@Path("/operations")
@Tag(name = "operations")
@Produces(MediaType.APPLICATION_JSON)
public class OperationsResource {

    public record OperationView(UUID id, String operation, String workspace, String computeName, String status,
            Instant createdAt, Instant updatedAt, SagaView saga) {
    }

    public record SagaView(String status, int currentStep, List<StepRecord> steps, String failureCode,
            String failureMessage, List<Detail> failureDetails, List<String> compensated) {
    }

    static final int LISTED = 20;

    @Inject
    EntityManager em;

    @Inject
    SagaEngine sagas;

    @Inject
    Callers callers;

    /** A compute's newest operations accepted by this service, without their steps; at most {@value #LISTED}. */
    @GET
    @Transactional
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "A compute's newest operations, newest first")
    public List<OperationView> ofCompute(@QueryParam("workspace") String workspace,
            @QueryParam("computeName") String computeName) {
        if (workspace == null || computeName == null) {
            throw new BadRequestException("give workspace and computeName");
        }
        if (!callers.current().may(workspace, WorkspaceRole.READER)) {
            return List.of();
        }
        return em.createQuery("from Operation o where o.workspace = :ws and o.computeName = :name"
                        + " order by o.createdAt desc", Operation.class)
                .setParameter("ws", workspace).setParameter("name", computeName).setMaxResults(LISTED)
                .getResultStream().map(op -> new OperationView(op.id, op.commandType, op.workspace, op.computeName,
                        op.status.name(), op.createdAt, op.updatedAt, null))
                .toList();
    }

    @GET
    @Path("/{id}")
    @Transactional
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "An operation and the state of each of its steps")
    public OperationView get(@PathParam("id") UUID id) {
        Operation op = em.find(Operation.class, id);
        // Someone else's operation is as unknown as a missing one: its existence is not revealed either.
        if (op == null || !callers.current().may(op.workspace, WorkspaceRole.READER)) {
            throw new NotFoundException("no operation " + id + " in this service");
        }
        SagaView saga = sagas.byOperation(id).map(OperationsResource::view).orElse(null);
        return new OperationView(op.id, op.commandType, op.workspace, op.computeName, op.status.name(), op.createdAt,
                op.updatedAt, saga);
    }

    private static SagaView view(SagaInstance s) {
        return new SagaView(s.status.name(), s.currentStep + 1, SagaMachine.steps(s), s.failureCode, s.failureMessage,
                SagaMachine.failureDetails(s), SagaMachine.compensated(s));
    }
}
