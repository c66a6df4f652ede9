package io.akscompute.common.rules.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessTest {

    @Test
    void rolesComeFromClaimValuesThatMatchThePattern() {
        var claims = new RoleClaims(RoleClaims.DEFAULT_PATTERN);
        assertThat(claims.roles(List.of("ws1:reader", "ws1:operator", "ws2:Admin", "ws3:owner", "junk", "*:reader")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("ws1", WorkspaceRole.OPERATOR, "ws2", WorkspaceRole.ADMIN,
                        "*", WorkspaceRole.READER));
        var entra = new RoleClaims("^Workspace\\.(?<workspace>[^.]+)\\.(?<role>\\w+)$");
        assertThat(entra.roles(List.of("Workspace.ml-prod.Operator", "Task.Read")))
                .isEqualTo(Map.of("ml-prod", WorkspaceRole.OPERATOR));
        assertThatThrownBy(() -> new RoleClaims("^(?<ws>.*)$")).hasMessageContaining("workspace and role");
    }

    @Test
    void aStrangersClaimIsBounded() {
        var claims = new RoleClaims(RoleClaims.DEFAULT_PATTERN);
        assertThat(claims.roles(List.of("w".repeat(10_000) + ":admin"))).isEmpty();
        assertThat(claims.roles(Collections.nCopies(100_000, "ws:reader"))).hasSize(1);
    }

    @Test
    void eachRoleIncludesTheOnesBeforeItAndTheWildcardCountsEverywhere() {
        Caller c = new Caller("alice", Map.of("ws1", WorkspaceRole.OPERATOR, "*", WorkspaceRole.READER));
        assertThat(c.may("ws1", WorkspaceRole.READER)).isTrue();
        assertThat(c.may("ws1", WorkspaceRole.OPERATOR)).isTrue();
        assertThat(c.may("ws1", WorkspaceRole.ADMIN)).isFalse();
        assertThat(c.may("ws2", WorkspaceRole.READER)).isTrue();
        assertThat(c.may("ws2", WorkspaceRole.OPERATOR)).isFalse();
        assertThat(new Caller("bob", Map.of()).may("ws1", WorkspaceRole.READER)).isFalse();
    }
}
