package io.akscompute.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The local suite's secrets, made once per data directory and kept there (owner-only files): tls-manager's
 * encryption key for private keys at rest, and the password of its {@code operator} user. Handed to the
 * process through its environment, never its command line.
 */
final class LocalSecrets {
    static final String OPERATOR = "operator";

    private final Path dir;

    LocalSecrets(Path dir) {
        this.dir = dir;
    }

    Path passwordFile() {
        return dir.resolve("tls-manager-operator.password");
    }

    String operatorPassword() throws IOException {
        return secret("tls-manager-operator.password", 18);
    }

    Map<String, String> tlsManagerEnvironment() throws IOException {
        String key = secret("tls-manager.key", 32);
        String password = operatorPassword();
        return Map.of("AKSCOMPUTE_TLS_MANAGER_ENCRYPTION_KEY", key,
                "QUARKUS_SECURITY_USERS_EMBEDDED_USERS_" + OPERATOR.toUpperCase(), sha512Hex(OPERATOR + ":Quarkus:" + password),
                "QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_" + OPERATOR.toUpperCase(), "tls-admin");
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

    private static String sha512Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
