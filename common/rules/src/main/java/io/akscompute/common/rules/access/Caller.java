package io.akscompute.common.rules.access;

import java.util.Map;
import java.util.Optional;

/**
 * Who sent a request or command, as the verified token says: the subject and the role held in each workspace
 * ({@link #ANY_WORKSPACE} for every workspace, an operator of the whole suite).
 */
public record Caller(String subject, Map<String, WorkspaceRole> roles) {
    public static final String ANY_WORKSPACE = "*";

    public Caller {
        roles = Map.copyOf(roles);
    }

    /** The strongest role the caller holds in the workspace. */
    public Optional<WorkspaceRole> roleIn(String workspace) {
        WorkspaceRole own = roles.get(workspace);
        WorkspaceRole any = roles.get(ANY_WORKSPACE);
        if (own == null || any != null && any.compareTo(own) > 0) {
            own = any;
        }
        return Optional.ofNullable(own);
    }

    public boolean may(String workspace, WorkspaceRole needed) {
        return workspace != null && roleIn(workspace).map(r -> r.includes(needed)).orElse(false);
    }
}
