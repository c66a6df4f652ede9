package io.akscompute.common.rules.access;

import io.akscompute.common.contract.CommandType;

/** The role a command needs in its workspace. */
public final class CommandAccess {

    private CommandAccess() {
    }

    public static WorkspaceRole needed(CommandType type) {
        return switch (type) {
            // Every command changes something or costs Azure calls (RefreshVersions asks ARM): operators only.
            case CREATE_CLUSTER, DELETE_CLUSTER, SCALE_CLUSTER, ATTACH_CLUSTER, DETACH_CLUSTER, UPDATE_CLUSTER,
                    REATTACH_CLUSTER, REPAIR_COMPUTE, RENEW_CERTIFICATE, REFRESH_VERSIONS -> WorkspaceRole.OPERATOR;
        };
    }
}
