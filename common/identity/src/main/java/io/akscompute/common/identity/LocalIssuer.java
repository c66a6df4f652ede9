package io.akscompute.common.identity;

import io.akscompute.common.rules.access.RoleClaims;
import io.akscompute.common.rules.access.WorkspaceRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The local suite's own token issuer: an RSA signing key (kept in a file beside the suite's other local secrets)
 * and bearer tokens signed with it, RS256, carrying the subject and the workspace roles in the {@code roles} claim.
 * The services verify them as they would Entra ID's, against the public key set this writes and the issuer name.
 */
public final class LocalIssuer {
    public static final String ISSUER = "https://akscompute.local/issuer";
    public static final String ROLES_CLAIM = "roles";

    private final RsaJsonWebKey key;

    private LocalIssuer(RsaJsonWebKey key) {
        this.key = key;
    }

    /** A new signing key (tests). */
    public static LocalIssuer generate() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(UUID.randomUUID().toString().substring(0, 8));
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            return new LocalIssuer(key);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }

    /** The issuer whose key is in {@code privateJwk}, made there (owner-readable only) on first use. */
    public static LocalIssuer inFile(Path privateJwk) {
        try {
            if (Files.exists(privateJwk)) {
                return new LocalIssuer((RsaJsonWebKey) JsonWebKey.Factory.newJwk(Files.readString(privateJwk)));
            }
            LocalIssuer issuer = generate();
            Files.createDirectories(privateJwk.getParent());
            Files.writeString(privateJwk, issuer.key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            restrict(privateJwk);
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot read the signing key " + privateJwk, e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: the directory's permissions have to do.
        }
    }

    /** The public key set the services verify with ({@code mp.jwt.verify.publickey}, inline or as a file). */
    public String publicKeySet() {
        return new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    public Path writePublicKeySet(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, publicKeySet());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token for the subject with these workspace roles, valid from now for {@code validFor}. */
    public String token(String subject, Map<String, WorkspaceRole> roles, Duration validFor) {
        Instant now = Instant.now();
        return token(subject, roles, now, now.plus(validFor), ISSUER);
    }

    /** Any token at all: for tests of expired tokens and foreign issuers. */
    public String token(String subject, Map<String, WorkspaceRole> roles, Instant issuedAt, Instant expiresAt,
            String issuer) {
        JwtClaims claims = claims(issuer, subject, roles, issuedAt, expiresAt);
        claims.setClaim("upn", subject);
        claims.setJwtId(UUID.randomUUID().toString());
        return sign(claims);
    }

    /**
     * An OpenID Connect ID token for a client ({@code audience}, its client id), valid from now for {@code validFor}:
     * what a web app that signs users in verifies ({@code nonce} echoes its authorization request, when it sent one).
     */
    public String idToken(String subject, String audience, String nonce, Map<String, WorkspaceRole> roles,
            Duration validFor) {
        Instant now = Instant.now();
        JwtClaims claims = claims(ISSUER, subject, roles, now, now.plus(validFor));
        claims.setAudience(audience);
        if (nonce != null) {
            claims.setClaim("nonce", nonce);
        }
        // The local users have no other name: a web app shows one of these.
        claims.setClaim("preferred_username", subject);
        claims.setClaim("name", subject);
        return sign(claims);
    }

    private static JwtClaims claims(String issuer, String subject, Map<String, WorkspaceRole> roles,
            Instant issuedAt, Instant expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setIssuedAt(NumericDate.fromMilliseconds(issuedAt.toEpochMilli()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
        claims.setStringListClaim(ROLES_CLAIM, RoleClaims.values(roles));
        return claims;
    }

    private String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
