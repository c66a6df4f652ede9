package io.akscompute.tlsmanager.rest;

import io.akscompute.common.auth.Callers;
import io.akscompute.common.rules.access.Caller;
import io.akscompute.common.rules.access.WorkspaceRole;
import io.akscompute.tlsmanager.service.KeyRotation;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;

/**
 * Key rotation, for administrators of every workspace: re-encrypts up to 500 stored private keys with the active
 * encryption key per call; {@code remaining} says whether to call again.
 */
@Path("/keys/reencrypt")
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {
    private static final Logger LOG = Logger.getLogger(KeysResource.class);
    static final int BATCH = 500;

    @Inject
    KeyRotation rotation;

    @Inject
    Callers callers;

    @POST
    public KeyRotation.Result reencrypt() {
        Caller caller = callers.require(Caller.ANY_WORKSPACE, WorkspaceRole.ADMIN);
        LOG.infof("re-encryption of stored private keys asked by %s", caller.subject());
        return rotation.reencrypt(BATCH);
    }
}
