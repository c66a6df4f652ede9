package io.akscompute.testing;

import io.akscompute.common.identity.LocalIssuer;
import io.akscompute.common.rules.access.Caller;
import io.akscompute.common.rules.access.WorkspaceRole;
import java.time.Duration;
import java.util.Map;

/**
 * The test JVM's token issuer: {@link SuiteInfrastructure} makes the services trust its key set, and tests sign
 * the tokens of whoever they play.
 */
public final class TestIdentity {
    private static final LocalIssuer ISSUER = LocalIssuer.generate();

    private TestIdentity() {
    }

    public static String publicKeySet() {
        return ISSUER.publicKeySet();
    }

    public static LocalIssuer issuer() {
        return ISSUER;
    }

    /** An administrator of every workspace: what tests that are not about identity send. */
    public static String admin() {
        return token("test-admin", Map.of(Caller.ANY_WORKSPACE, WorkspaceRole.ADMIN));
    }

    public static String token(String subject, Map<String, WorkspaceRole> roles) {
        return ISSUER.token(subject, roles, Duration.ofHours(1));
    }
}
