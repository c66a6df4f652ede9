package io.akscompute.common.contract.saga;

import io.akscompute.common.contract.ServiceName;

/** A saga step carried out by another service than the saga's owner, with the service that carries it out. */
public enum ParticipantAction {
    /** Issue or resolve the certificate, write the azuremlfessl secret into the cluster. Payload {@link ConfigureTls}. */
    ConfigureTls(ServiceName.TLS_MANAGER),
    /** Delete the azuremlfessl secret from the cluster; optionally drop the certificate. Payload {@link RemoveTls}. */
    RemoveTls(ServiceName.TLS_MANAGER);

    private final ServiceName participant;

    ParticipantAction(ServiceName participant) {
        this.participant = participant;
    }

    public ServiceName participant() {
        return participant;
    }
}
