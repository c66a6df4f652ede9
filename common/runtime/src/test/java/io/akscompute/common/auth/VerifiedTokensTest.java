package io.akscompute.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.rules.access.Caller;
import io.akscompute.common.rules.access.WorkspaceRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
    private static final Caller ALICE = new Caller("alice", Map.of("ws1", WorkspaceRole.OPERATOR));

    /** A clock the test moves. */
    private static final class Hands extends Clock {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final Hands clock = new Hands();
    private final VerifiedTokens tokens = new VerifiedTokens(clock);

    @Test
    void aVerifiedTokenIsKnownUntilItExpiresThenVerifiedAgain() {
        tokens.put("token-a", ALICE, clock.now.plus(Duration.ofMinutes(2)));

        assertThat(tokens.get("token-a")).contains(ALICE);
        assertThat(tokens.get("token-b")).isEmpty();
        clock.now = clock.now.plus(Duration.ofMinutes(2)).minusMillis(1);
        assertThat(tokens.get("token-a")).contains(ALICE);
        clock.now = clock.now.plusMillis(1);
        assertThat(tokens.get("token-a")).as("expired: the parser decides again").isEmpty();
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterFiveMinutes() {
        tokens.put("token-a", ALICE, clock.now.plus(Duration.ofHours(8)));

        clock.now = clock.now.plus(VerifiedTokens.AT_MOST).minusSeconds(1);
        assertThat(tokens.get("token-a")).contains(ALICE);
        clock.now = clock.now.plusSeconds(1);
        assertThat(tokens.get("token-a")).isEmpty();
    }

    @Test
    void aTokenWithoutExpiryOrAlreadyExpiredIsNotKept() {
        tokens.put("no-exp", ALICE, null);
        tokens.put("expired", ALICE, clock.now);

        assertThat(tokens.get("no-exp")).isEmpty();
        assertThat(tokens.get("expired")).isEmpty();
    }
}
