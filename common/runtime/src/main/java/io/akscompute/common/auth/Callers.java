package io.akscompute.common.auth;

import io.akscompute.common.rules.access.Caller;
import io.akscompute.common.rules.access.RoleClaims;
import io.akscompute.common.rules.access.WorkspaceRole;
import io.akscompute.common.rules.Text;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.ws.rs.ForbiddenException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: from the bearer token of a REST request (verified by SmallRye JWT before the resource runs) or
 * from the token a command carries in its {@code akscompute-authorization} header (verified here, with the same
 * issuer and keys, and remembered until it expires: {@link VerifiedTokens}). A token is at most {@link #MAX_TOKEN}
 * characters.
 */
@ApplicationScoped
public class Callers {
    public static final int MAX_TOKEN = 16 * 1024;

    @Inject
    JWTParser parser;

    @Inject
    JsonWebToken restToken;

    @Inject
    AuthConfig config;

    private RoleClaims claims;
    private final VerifiedTokens verified = new VerifiedTokens(Clock.systemUTC());

    @PostConstruct
    void init() {
        claims = new RoleClaims(config.rolePattern());
    }

    /** A command's token, verified: the caller, or why there is none. */
    public sealed interface Verified {
    }

    public record Known(Caller caller) implements Verified {
    }

    public record Unknown(String reason) implements Verified {
    }

    public Verified verify(String token) {
        if (token == null || token.isBlank()) {
            return new Unknown("the command carries no token: send it with a bearer JWT in the "
                    + "akscompute-authorization header");
        }
        if (token.length() > MAX_TOKEN) {
            return new Unknown("the command's token is " + token.length() + " characters; at most " + MAX_TOKEN);
        }
        String jwt = token.startsWith("Bearer ") ? token.substring(7) : token;
        Optional<Caller> before = verified.get(jwt);
        if (before.isPresent()) {
            return new Known(before.get());
        }
        try {
            JsonWebToken parsed = parser.parse(jwt);
            Caller caller = of(parsed);
            // exp is seconds since the epoch; 0 when the token has none
            verified.put(jwt, caller, parsed.getExpirationTime() > 0
                    ? Instant.ofEpochSecond(parsed.getExpirationTime()) : null);
            return new Known(caller);
        } catch (ParseException e) {
            // The parser's message says what failed (expired, wrong issuer, bad signature) and never quotes the token.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new Unknown("the command's token is not valid: " + Text.cut(String.valueOf(cause.getMessage()),
                    300));
        }
    }

    /** The caller of the running REST request. */
    public Caller current() {
        return of(restToken);
    }

    /** Refuses the running REST request (403) unless its caller holds the role in the workspace. */
    public Caller require(String workspace, WorkspaceRole role) {
        Caller caller = current();
        if (!caller.may(workspace, role)) {
            throw new ForbiddenException(forbidden(workspace, role));
        }
        return caller;
    }

    /** The refusal a caller without the role gets; it names nothing but what the caller asked for. */
    public static String forbidden(String workspace, WorkspaceRole role) {
        return "the caller does not hold the role " + role.name().toLowerCase() + " in workspace "
                + Text.quote(workspace);
    }

    private Caller of(JsonWebToken token) {
        String subject = token.getSubject() != null ? token.getSubject() : token.getName();
        return new Caller(subject == null ? "unknown" : Text.cut(subject, 256), roles(token));
    }

    private Map<String, WorkspaceRole> roles(JsonWebToken token) {
        Object claim = token.getClaim(config.rolesClaim());
        List<String> values = new ArrayList<>();
        if (claim instanceof JsonArray array) {
            array.stream().limit(RoleClaims.MAX_VALUES).filter(JsonString.class::isInstance)
                    .forEach(v -> values.add(((JsonString) v).getString()));
        } else if (claim instanceof Collection<?> c) {
            c.stream().limit(RoleClaims.MAX_VALUES).forEach(v -> values.add(String.valueOf(v)));
        } else if (claim instanceof JsonString s) {
            values.add(s.getString());
        } else if (claim instanceof String s) {
            values.add(s);
        }
        return claims.roles(values);
    }
}
