package io.akscompute.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.rules.access.Caller;
import io.akscompute.common.rules.access.WorkspaceRole;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
    private static final Caller ALICE = new Caller("alice", Map.of("ws1", WorkspaceRole.OPERATOR));

    /** The time the test moves on. */
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T12:00:00Z"));
    private final VerifiedTokens tokens = new VerifiedTokens(now::get);

    @Test
    void aVerifiedTokenIsKnownUntilItExpiresThenVerifiedAgain() {
        tokens.put("token-a", ALICE, now.get().plus(Duration.ofMinutes(2)));

        assertThat(tokens.get("token-a")).contains(ALICE);
        assertThat(tokens.get("token-b")).isEmpty();
        now.set(now.get().plus(Duration.ofMinutes(2)).minusMillis(1));
        assertThat(tokens.get("token-a")).contains(ALICE);
        now.set(now.get().plusMillis(1));
        assertThat(tokens.get("token-a")).as("expired: the parser decides again").isEmpty();
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterFiveMinutes() {
        tokens.put("token-a", ALICE, now.get().plus(Duration.ofHours(8)));

        now.set(now.get().plus(VerifiedTokens.AT_MOST).minusSeconds(1));
        assertThat(tokens.get("token-a")).contains(ALICE);
        now.set(now.get().plusSeconds(1));
        assertThat(tokens.get("token-a")).isEmpty();
    }

    @Test
    void aTokenWithoutExpiryOrAlreadyExpiredIsNotKept() {
        tokens.put("no-exp", ALICE, null);
        tokens.put("expired", ALICE, now.get());

        assertThat(tokens.get("no-exp")).isEmpty();
        assertThat(tokens.get("expired")).isEmpty();
    }
}
