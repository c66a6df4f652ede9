package io.akscompute.common.contract.saga;

import io.akscompute.common.contract.ServiceName;
import java.time.Duration;

/** A saga step carried out by another service than the saga's owner, with the service that carries it out. */
public enum ParticipantAction {
    /** Issue or resolve the certificate, write the azuremlfessl secret into the cluster. Payload {@link ConfigureTls}. */
    ConfigureTls(ServiceName.TLS_MANAGER, Duration.ofSeconds(60)),
    /** Delete the azuremlfessl secret from the cluster; optionally drop the certificate. Payload {@link RemoveTls}. */
    RemoveTls(ServiceName.TLS_MANAGER, Duration.ofSeconds(60)),
    /**
     * Take the compute and reserve its name in the workspace registry for a cluster being created. Payload
     * {@link ReserveName}.
     */
    ReserveName(ServiceName.ATTACHER, Duration.ofSeconds(10)),
    /**
     * Give a name reserved by that operation back, and the compute (the end of a delete, the compensation of a create).
     * Payload {@link ReleaseName}.
     */
    ReleaseName(ServiceName.ATTACHER, Duration.ofSeconds(10)),
    /**
     * Install the front end on the created cluster, mark the compute Succeeded and give it back. Payload
     * {@link RegisterCreated};
     * result {@link io.akscompute.common.contract.event.ComputeSnapshot}.
     */
    RegisterCreated(ServiceName.ATTACHER, Duration.ofSeconds(180)),
    /**
     * Remove the front end and the registry entry of a created compute (DeleteCluster); an attached compute is
     * refused with NotCreatedByAkscompute. Payload {@link UnregisterCreated}; result {@link CreatedUnregistered}.
     */
    UnregisterCreated(ServiceName.ATTACHER, Duration.ofSeconds(60)),
    /**
     * Record a created compute's new node count after a scale and give the compute back. Payload {@link RecordScale};
     * result a ComputeSnapshot.
     */
    RecordScale(ServiceName.ATTACHER, Duration.ofSeconds(10)),
    /**
     * Take the compute for the request's operation, or fail with OperationInProgress naming the one holding it: one
     * operation per compute across services. Payload {@link LockCompute}.
     */
    LockCompute(ServiceName.ATTACHER, Duration.ofSeconds(10)),
    /** Give the compute back (a lock nobody holds, or someone else holds, stays as it is). Payload {@link UnlockCompute}. */
    UnlockCompute(ServiceName.ATTACHER, Duration.ofSeconds(10));

    private final ServiceName participant;
    private final Duration worstCase;

    ParticipantAction(ServiceName participant, Duration worstCase) {
        this.participant = participant;
        this.worstCase = worstCase;
    }

    public ServiceName participant() {
        return participant;
    }

    /**
     * How long the participant may take at worst, retries included (RegisterCreated waits up to two minutes for a load
     * balancer's address): a request's deadline, from which the owner's timeout is derived.
     */
    public Duration worstCase() {
        return worstCase;
    }
}
