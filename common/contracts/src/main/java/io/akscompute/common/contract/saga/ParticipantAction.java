package io.akscompute.common.contract.saga;

import io.akscompute.common.contract.ServiceName;

/** A saga step carried out by another service than the saga's owner, with the service that carries it out. */
public enum ParticipantAction {
    /** Issue or resolve the certificate, write the azuremlfessl secret into the cluster. Payload {@link ConfigureTls}. */
    ConfigureTls(ServiceName.TLS_MANAGER),
    /** Delete the azuremlfessl secret from the cluster; optionally drop the certificate. Payload {@link RemoveTls}. */
    RemoveTls(ServiceName.TLS_MANAGER),
    /** Reserve the compute name in the workspace registry for a cluster being created. Payload {@link ReserveName}. */
    ReserveName(ServiceName.ATTACHER),
    /** Give a name reserved by that operation back (compensation of a create). Payload {@link ReleaseName}. */
    ReleaseName(ServiceName.ATTACHER),
    /**
     * Install the front end on the created cluster and mark the compute Succeeded. Payload {@link RegisterCreated};
     * result {@link io.akscompute.common.contract.event.ComputeSnapshot}.
     */
    RegisterCreated(ServiceName.ATTACHER),
    /**
     * Remove the front end and the registry entry of a created compute (DeleteCluster); an attached compute is
     * refused with NotCreatedByAkscompute. Payload {@link UnregisterCreated}; result {@link CreatedUnregistered}.
     */
    UnregisterCreated(ServiceName.ATTACHER),
    /** Record a created compute's new node count after a scale. Payload {@link RecordScale}; result a ComputeSnapshot. */
    RecordScale(ServiceName.ATTACHER);

    private final ServiceName participant;

    ParticipantAction(ServiceName participant) {
        this.participant = participant;
    }

    public ServiceName participant() {
        return participant;
    }
}
