package io.akscompute.attacher.service;

import io.akscompute.attacher.persistence.Compute;
import io.akscompute.attacher.persistence.ComputeRegistry;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.saga.StepResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.inject.Inject;
import java.time.Instant;
import io.akscompute.common.rules.Text;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A compute's name, unique in its workspace: reserved by the operation that sets the compute up, or refused. */
@ApplicationScoped
public class ComputeNames {

    @Inject
    ComputeRegistry registry;

    /**
     * Reserves the name for the operation (again is fine); ComputeAlreadyExists names who holds it and ends with
     * {@code advice}.
     */
    public StepResult reserve(String workspace, String name, UUID operationId, boolean attach, Instant now,
            String advice) {
        Optional<Compute> taken = registry.reserve(workspace, name, operationId, attach, now);
        if (taken.isPresent()) {
            Compute c = taken.get();
            return StepResult.fail(ErrorCode.ComputeAlreadyExists, "a compute named " + name + " already exists in "
                    + "workspace " + workspace + " (" + (c.clusterResourceId != null
                            ? (c.attached ? "attached to " : "created as ") + c.clusterResourceId
                            : "being set up by operation " + c.operationId) + "); " + advice);
        }
        return StepResult.done("name " + name + " reserved");
    }

    /**
     * Gives back a name the operation reserved; someone else's stays. When the operation left something behind that
     * it could not undo, the compute stays instead, NeedsAttention, saying what was left.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public StepResult release(String workspace, String name, UUID operationId, List<String> leftBehind, Instant now) {
        if (leftBehind == null || leftBehind.isEmpty()) {
            registry.release(workspace, name, operationId);
            return StepResult.done("name " + name + " released");
        }
        registry.find(workspace, name).filter(c -> c.operationId.equals(operationId)).ifPresent(c -> {
            c.provisioningState = Compute.NEEDS_ATTENTION;
            c.provisioningErrors = Text.cut(String.join("; ", leftBehind), Text.REASON);
            c.modifiedOn = now;
        });
        return StepResult.done("compute " + name + " kept, NeedsAttention: " + String.join("; ", leftBehind));
    }
}
