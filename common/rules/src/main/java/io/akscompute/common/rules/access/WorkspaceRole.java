package io.akscompute.common.rules.access;

import java.util.Locale;
import java.util.Optional;

/** What a caller may do in a workspace; each role includes the ones before it. */
public enum WorkspaceRole {
    /** Read computes, operations, certificates (never a key). */
    READER,
    /** Send commands (create, attach, update, scale, detach, delete, renew), upload certificates. */
    OPERATOR,
    /** Export a certificate with its key. */
    ADMIN;

    public boolean includes(WorkspaceRole other) {
        return compareTo(other) >= 0;
    }

    public static Optional<WorkspaceRole> parse(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
