package io.akscompute.common.auth;

import io.akscompute.common.rules.access.RoleClaims;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code akscompute.auth.*}: where a token carries its workspace roles. */
@ConfigMapping(prefix = "akscompute.auth")
public interface AuthConfig {

    /** The claim with the roles: a list of strings (Entra ID's app roles are in {@code roles}). */
    @WithDefault("roles")
    String rolesClaim();

    /** How one value of the claim names a workspace and a role (reader, operator, admin); see RoleClaims. */
    @WithDefault(RoleClaims.DEFAULT_PATTERN)
    String rolePattern();
}
