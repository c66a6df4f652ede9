package io.akscompute.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import io.akscompute.common.identity.LocalIssuer;
import io.akscompute.common.rules.access.Caller;
import io.akscompute.common.rules.access.WorkspaceRole;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The local suite's secrets, made once per data directory and kept there (owner-only files): the signing key of
 * the suite's own token issuer, tls-manager's encryption key for private keys at rest, and the database password.
 * Handed to the processes through their environment or files, never their command line.
 */
final class LocalSecrets {
    /** Who the launcher's own token names: the person who started the suite, administrator of every workspace. */
    static final String LOCAL_ADMIN = "local-admin";

    private final Path dir;
    private LocalIssuer issuer;

    LocalSecrets(Path dir) {
        this.dir = dir;
    }

    /** The issuer's signing key; 'akscompute login --local-issuer' signs with it. */
    Path issuerKey() {
        return dir.resolve("issuer.jwk");
    }

    synchronized LocalIssuer issuer() {
        if (issuer == null) {
            issuer = LocalIssuer.inFile(issuerKey());
            issuer.writePublicKeySet(dir.resolve("issuer-keys.json"));
        }
        return issuer;
    }

    /** A token of the local administrator (every workspace), for the tour and the tests. */
    String adminToken() {
        return issuer().token(LOCAL_ADMIN, Map.of(Caller.ANY_WORKSPACE, WorkspaceRole.ADMIN), Duration.ofHours(12));
    }

    /** What every service needs: the issuer it trusts and the database password. */
    Map<String, String> serviceEnvironment() throws IOException {
        issuer();
        return Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", dir.resolve("issuer-keys.json").toAbsolutePath().toString(),
                "MP_JWT_VERIFY_ISSUER", LocalIssuer.ISSUER,
                "QUARKUS_DATASOURCE_PASSWORD", databasePassword());
    }

    /** The database password the services are given (the embedded PostgreSQL trusts local connections). */
    String databasePassword() throws IOException {
        return secret("database.password", 18);
    }

    Map<String, String> tlsManagerEnvironment() throws IOException {
        return Map.of("AKSCOMPUTE_TLS_MANAGER_ENCRYPTION_KEY", secret("tls-manager.key", 32));
    }

    private String secret(String file, int bytes) throws IOException {
        Path path = dir.resolve(file);
        if (!Files.exists(path)) {
            byte[] random = new byte[bytes];
            new SecureRandom().nextBytes(random);
            Files.createDirectories(dir);
            Files.writeString(path, Base64.getEncoder().encodeToString(random));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
        return Files.readString(path, StandardCharsets.UTF_8).trim();
    }

}
