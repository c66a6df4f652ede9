package io.akscompute.common.contract;

import io.akscompute.common.contract.command.*;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every command of {@code aks.commands}, its payload record and the one service that owns it.
 * The CloudEvent type is {@code akscompute.<Name>.v1}.
 */
public enum CommandType {
    CREATE_CLUSTER("CreateCluster", CreateCluster.class, ServiceName.PROVISIONER),
    DELETE_CLUSTER("DeleteCluster", DeleteCluster.class, ServiceName.PROVISIONER),
    SCALE_CLUSTER("ScaleCluster", ScaleCluster.class, ServiceName.PROVISIONER),
    ATTACH_CLUSTER("AttachCluster", AttachCluster.class, ServiceName.ATTACHER),
    DETACH_CLUSTER("DetachCluster", DetachCluster.class, ServiceName.ATTACHER),
    UPDATE_CLUSTER("UpdateCluster", UpdateCluster.class, ServiceName.ATTACHER),
    REATTACH_CLUSTER("ReattachCluster", ReattachCluster.class, ServiceName.ATTACHER),
    REPAIR_COMPUTE("RepairCompute", RepairCompute.class, ServiceName.ATTACHER),
    RENEW_CERTIFICATE("RenewCertificate", RenewCertificate.class, ServiceName.TLS_MANAGER),
    REFRESH_VERSIONS("RefreshVersions", RefreshVersions.class, ServiceName.VERSION_CATALOG);

    private final String typeName;
    private final Class<? extends Command> payloadType;
    private final ServiceName owner;

    CommandType(String typeName, Class<? extends Command> payloadType, ServiceName owner) {
        this.typeName = typeName;
        this.payloadType = payloadType;
        this.owner = owner;
    }

    public String typeName() {
        return typeName;
    }

    public Class<? extends Command> payloadType() {
        return payloadType;
    }

    public ServiceName owner() {
        return owner;
    }

    public String cloudEventType() {
        return CloudEventTypes.of(typeName);
    }

    public static Optional<CommandType> fromCloudEventType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.cloudEventType().equals(ceType)).findFirst();
    }

    public static Optional<CommandType> of(Class<? extends Command> payloadType) {
        return Arrays.stream(values()).filter(t -> t.payloadType.equals(payloadType)).findFirst();
    }
}
