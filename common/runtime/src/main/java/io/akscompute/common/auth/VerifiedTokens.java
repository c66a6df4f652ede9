package io.akscompute.common.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.akscompute.common.rules.Text;
import io.akscompute.common.rules.access.Caller;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Command tokens already verified, with their callers, until they expire. A client signs in once and sends the same
 * token with every command; checking its signature and claims again for each one was a twentieth of the attacher's
 * CPU in a burst (docs/benchmarks.md). Only verified tokens are kept, so a stranger cannot fill it, at most
 * {@link #MAX_TOKENS} of them, and by their SHA-256: a heap dump shows no bearer token kept here.
 */
final class VerifiedTokens {
    /** More than the callers of one service's busiest minute; a few hundred bytes each. */
    static final int MAX_TOKENS = 4096;
    /**
     * Each token is verified again after this at the latest, even if it expires later: a key the issuer withdrew
     * stops being trusted within the key set's refresh and this, not only at the token's expiry.
     */
    static final Duration AT_MOST = Duration.ofMinutes(5);

    private record Entry(Caller caller, Instant until) {
    }

    private final InstantSource clock;
    private final Cache<String, Entry> cache;

    VerifiedTokens(InstantSource clock) {
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(MAX_TOKENS).build();
    }

    /** The caller of a token verified before that has not expired since. */
    Optional<Caller> get(String token) {
        String key = Text.sha256(token);
        Entry entry = cache.getIfPresent(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.until())) {
            cache.invalidate(key);
            return Optional.empty();
        }
        return Optional.of(entry.caller());
    }

    /**
     * Keeps a token just verified until it expires ({@code expiresAt}, null when it does not say) or for
     * {@link #AT_MOST}, whichever comes first; a token without an expiry is not kept.
     */
    void put(String token, Caller caller, Instant expiresAt) {
        if (expiresAt == null) {
            return;
        }
        Instant now = clock.instant();
        Instant until = expiresAt.isBefore(now.plus(AT_MOST)) ? expiresAt : now.plus(AT_MOST);
        if (until.isAfter(now)) {
            cache.put(Text.sha256(token), new Entry(caller, until));
        }
    }
}
