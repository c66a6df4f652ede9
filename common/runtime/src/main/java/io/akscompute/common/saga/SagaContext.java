package io.akscompute.common.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What a step's action sees: the saga's typed state (which it may change), its identity and its clock. */
public final class SagaContext<S> {
    private final SagaInstance instance;
    private final S state;
    private final Instant now;
    private final List<String> warnings = new ArrayList<>();

    SagaContext(SagaInstance instance, S state, Instant now) {
        this.instance = instance;
        this.state = state;
        this.now = now;
    }

    public S state() {
        return state;
    }

    public UUID sagaId() {
        return instance.id;
    }

    /** The saga's type, named like the command that started it (CreateCluster). */
    public String sagaType() {
        return instance.type;
    }

    public UUID operationId() {
        return instance.operationId;
    }

    public String workspace() {
        return instance.workspace;
    }

    public String computeName() {
        return instance.computeName;
    }

    public Instant now() {
        return now;
    }

    /** 1 on the first try of the current step, 2 on its first retry, ... */
    public int attempt() {
        return instance.attempt + 1;
    }

    /** A handle the step keeps across tries and restarts, e.g. the URL of an ARM long-running operation. */
    public String lroHandle() {
        return instance.lroHandle;
    }

    public void lroHandle(String handle) {
        instance.lroHandle = handle;
    }

    /**
     * What this saga's compensation could not undo so far (for an undo that must leave the compute marked rather
     * than gone: its name stays, NeedsAttention).
     */
    public List<String> compensationFailed() {
        return SagaMachine.compensationFailed(instance);
    }

    /** A warning that does not fail the step (a preview Kubernetes version); published with its progress event. */
    public void warn(String warning) {
        warnings.add(warning);
    }

    List<String> warnings() {
        return warnings;
    }
}
