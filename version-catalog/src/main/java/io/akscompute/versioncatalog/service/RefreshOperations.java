package io.akscompute.versioncatalog.service;

import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.command.RefreshVersions;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.contract.event.OperationFailed;
import io.akscompute.common.contract.event.OperationSucceeded;
import io.akscompute.common.operation.Operation;
import io.akscompute.common.outbox.Outbox;
import io.akscompute.versioncatalog.domain.Locations;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Carries out accepted RefreshVersions operations on the sync worker and answers each with OperationSucceeded or
 * OperationFailed (UnknownLocation, AzureError). Started after the accepting transaction commits; operations
 * left unfinished by a stop are resumed at the next start.
 */
@ApplicationScoped
public class RefreshOperations {
    private static final Logger LOG = Logger.getLogger(RefreshOperations.class);
    static final String TYPE = "RefreshVersions";

    /** Fired in the accepting transaction; acted on once it committed. */
    public record Requested(UUID operationId) {
    }

    @Inject
    VersionSync sync;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Requested requested) {
        sync.submit(() -> run(requested.operationId()));
    }

    void onStart(@Observes StartupEvent event) {
        try {
            List<UUID> pending = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                    "select o.id from Operation o where o.commandType = :type and o.status in :open order by o.createdAt",
                    UUID.class).setParameter("type", TYPE)
                    .setParameter("open", List.of(Operation.Status.ACCEPTED, Operation.Status.RUNNING))
                    .getResultList());
            pending.forEach(id -> sync.submit(() -> run(id)));
        } catch (RuntimeException e) {
            LOG.warnf("could not look for unfinished RefreshVersions operations: %s", e.toString());
        }
    }

    void run(UUID operationId) {
        Operation op = QuarkusTransaction.requiringNew().call(() -> em.find(Operation.class, operationId));
        if (op == null || terminal(op.status)) {
            return;
        }
        RefreshVersions command;
        try {
            command = Json.MAPPER.readValue(op.command, RefreshVersions.class);
        } catch (IOException e) {
            finish(operationId, failed(op, ErrorCode.InternalError, "the stored command is unreadable: " + e.getMessage(),
                    List.of()));
            return;
        }
        List<String> locations = command.locations() == null || command.locations().isEmpty()
                ? sync.configuredLocations()
                : command.locations().stream().map(Locations::normalize).distinct().toList();
        List<SyncResult> results = locations.stream().map(sync::syncNow).toList();

        List<Detail> problems = new ArrayList<>();
        boolean unknown = false;
        for (int i = 0; i < results.size(); i++) {
            SyncResult r = results.get(i);
            if (!r.succeeded()) {
                unknown |= r.outcome() == SyncResult.Outcome.UNKNOWN_LOCATION;
                String field = command.locations() == null || command.locations().isEmpty() ? "locations"
                        : "locations[" + i + "]";
                problems.add(new Detail(field, r.location() + ": " + r.error()
                        + (r.outcome() == SyncResult.Outcome.UNKNOWN_LOCATION ? "; " + Locations.HOW_TO_FIND
                        : r.view() != null ? " (the last good catalog is still served, marked stale)" : "")));
            }
        }
        String summary = results.stream().map(r -> r.location() + " " + r.outcome().name().toLowerCase().replace('_', ' '))
                .collect(Collectors.joining(", "));
        if (problems.isEmpty()) {
            finish(operationId, new OperationSucceeded(op.id, op.workspace, op.computeName, op.commandType, null,
                    "refreshed " + summary));
        } else {
            ErrorCode code = unknown ? ErrorCode.UnknownLocation : ErrorCode.AzureError;
            String arm = results.stream().map(SyncResult::armCode).filter(c -> c != null).findFirst()
                    .map(c -> " (ARM code " + c + ")").orElse("");
            finish(operationId, failed(op, code, problems.size() + " of " + results.size()
                    + " locations could not be refreshed" + arm + ": " + summary, problems));
        }
    }

    private static OperationFailed failed(Operation op, ErrorCode code, String message, List<Detail> details) {
        return new OperationFailed(op.id, op.workspace, op.computeName, op.commandType, code, message, details, List.of());
    }

    private void finish(UUID operationId, Object outcome) {
        QuarkusTransaction.requiringNew().run(() -> {
            Operation op = em.find(Operation.class, operationId, LockModeType.PESSIMISTIC_WRITE);
            if (op == null || terminal(op.status)) {
                return; // another instance answered it already
            }
            op.status = outcome instanceof OperationSucceeded ? Operation.Status.SUCCEEDED : Operation.Status.FAILED;
            op.updatedAt = Instant.now();
            if (outcome instanceof OperationSucceeded s) {
                outbox.status(s, operationId.toString());
            } else {
                outbox.status((OperationFailed) outcome, operationId.toString());
            }
        });
    }

    private static boolean terminal(Operation.Status status) {
        return status == Operation.Status.SUCCEEDED || status == Operation.Status.FAILED;
    }
}
