package io.akscompute.console.service;

import io.akscompute.common.rules.access.Caller;
import io.akscompute.common.rules.access.RoleClaims;
import io.akscompute.common.rules.access.WorkspaceRole;
import io.akscompute.console.config.ConsoleConfig;
import io.quarkus.oidc.IdToken;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is signed in: the name and workspace roles of the ID token, and the access token the console passes on with
 * each command and REST call, so that the services decide with the user's own identity, as they do for the CLI.
 */
@RequestScoped
@Named("user")
public class SignedInUser {

    @Inject
    @IdToken
    JsonWebToken idToken;

    @Inject
    AccessTokenCredential accessToken;

    @Inject
    SecurityIdentity identity;

    @Inject
    ConsoleConfig config;

    private Map<String, WorkspaceRole> roles;

    public String name() {
        return Optional.ofNullable(idToken.<String>getClaim("preferred_username")).orElse(idToken.getSubject());
    }

    public String accessToken() {
        return accessToken.getToken();
    }

    public Map<String, WorkspaceRole> roles() {
        if (roles == null) {
            // quarkus.oidc.roles.role-claim-path names the claim; the pattern reads workspace and role from each value.
            roles = new RoleClaims(config.rolePattern()).roles(identity.getRoles());
        }
        return roles;
    }

    /** The same answer the services give: a role in the workspace, or in every workspace. */
    public boolean may(String workspace, WorkspaceRole needed) {
        return new Caller(name(), roles()).may(workspace, needed);
    }

    /** The workspaces named in the roles, sorted; {@code *} (every workspace) is not one of them. */
    public List<String> namedWorkspaces() {
        return List.copyOf(new TreeSet<>(roles().keySet().stream().filter(w -> !w.equals(Caller.ANY_WORKSPACE))
                .toList()));
    }

    public boolean anyWorkspace() {
        return roles().containsKey(Caller.ANY_WORKSPACE);
    }
}
