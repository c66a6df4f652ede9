package io.akscompute.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import io.akscompute.common.identity.LocalIssuer;
import io.akscompute.common.identity.LocalSignIn;
import io.akscompute.common.rules.access.Caller;
import io.akscompute.common.rules.access.WorkspaceRole;
import io.akscompute.emulator.TlsMaterial;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The local suite's secrets, made once per data directory and kept there (owner-only files): the signing key of
 * the suite's own token issuer, its CA and localhost certificate (HTTPS, the broker's SSL), tls-manager's encryption
 * key for private keys at rest, the database password and, with --secure, the Kafka users' passwords.
 * Handed to the processes through their environment or files, never their command line.
 */
final class LocalSecrets {
    /** Who the launcher's own token names: the person who started the suite, administrator of every workspace. */
    static final String LOCAL_ADMIN = "local-admin";
    private static final Duration ADMIN_TOKEN_LIFE = Duration.ofHours(12);

    private final Path dir;
    private LocalIssuer issuer;
    private TlsMaterial tls;
    private String adminToken;
    private Instant adminTokenRenewAt;

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

    /**
     * A token of the local administrator (every workspace), for the tour and the tests: one, signed again only in
     * its last hour, as a signed-in client holds its token. A new token for each command made every service verify
     * each command's signature anew (docs/benchmarks.md).
     */
    synchronized String adminToken() {
        Instant now = Instant.now();
        if (adminToken == null || now.isAfter(adminTokenRenewAt)) {
            adminToken = issuer().token(LOCAL_ADMIN, Map.of(Caller.ANY_WORKSPACE, WorkspaceRole.ADMIN),
                    ADMIN_TOKEN_LIFE);
            adminTokenRenewAt = now.plus(ADMIN_TOKEN_LIFE).minus(Duration.ofHours(1));
        }
        return adminToken;
    }

    /** The suite's CA and the certificate for localhost the services and the broker present. */
    synchronized TlsMaterial tls() throws IOException {
        if (tls == null) {
            tls = TlsMaterial.loadOrCreate(dir.resolve("tls"), "akscompute local suite CA");
        }
        return tls;
    }

    /** What every service needs: the issuer it trusts, its HTTPS certificate, the database password. */
    Map<String, String> serviceEnvironment() throws IOException {
        issuer();
        Map<String, String> env = new java.util.HashMap<>(https(tls()));
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", dir.resolve("issuer-keys.json").toAbsolutePath().toString());
        env.put("MP_JWT_VERIFY_ISSUER", LocalIssuer.ISSUER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", databasePassword());
        return env;
    }

    /** A Quarkus service's HTTPS certificate and key, PEM, as the Kubernetes manifests give them. */
    static Map<String, String> https(TlsMaterial tls) {
        return Map.of("QUARKUS_HTTP_SSL_CERTIFICATE_FILES", tls.serverCertificate().toAbsolutePath().toString(),
                "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES", tls.serverKey().toAbsolutePath().toString());
    }

    /** The console's client secret at the suite's sign-in (letters and digits: it travels in HTTP Basic). */
    String consoleClientSecret() throws IOException {
        return secret("console-client.secret", 24).replaceAll("[^A-Za-z0-9]", "");
    }

    /** Who may sign in to the console, with passwords kept in a file the person who started the suite can read. */
    List<LocalSignIn.User> consoleUsers() throws IOException {
        return List.of(
                new LocalSignIn.User(CONSOLE_ADMIN, secret(passwordFileName(CONSOLE_ADMIN), 12),
                        Map.of(Caller.ANY_WORKSPACE, WorkspaceRole.ADMIN)),
                new LocalSignIn.User(CONSOLE_READER, secret(passwordFileName(CONSOLE_READER), 12),
                        Map.of("demo", WorkspaceRole.READER)));
    }

    /** The file holding a console user's password, for the start banner to point at. */
    Path consolePasswordFile(String user) {
        return dir.resolve(passwordFileName(user));
    }

    private static String passwordFileName(String user) {
        return "console-" + user + ".password";
    }

    static final String CONSOLE_ADMIN = "admin";
    /** Rita reads the tour's workspace 'demo' and nothing else, as in the tour. */
    static final String CONSOLE_READER = "rita";

    /** The database password the services are given (the embedded PostgreSQL trusts local connections). */
    String databasePassword() throws IOException {
        return secret("database.password", 18);
    }

    /** The broker's side of --secure: its TLS keystore and the SCRAM users it is formatted with. */
    record KafkaSecurity(Path keystore, String keystorePassword, String brokerPassword, String clientUser,
            String clientPassword) {
    }

    static final String KAFKA_CLIENT_USER = "akscompute";

    KafkaSecurity kafkaSecurity() throws IOException {
        return new KafkaSecurity(tls().serverKeystore(), TlsMaterial.TRUSTSTORE_PASSWORD,
                secret("kafka-broker.password", 18), KAFKA_CLIENT_USER, secret("kafka-client.password", 18));
    }

    /** A Kafka client's settings for the secure broker: SASL_SSL, SCRAM-SHA-512, the suite's CA. */
    Map<String, Object> kafkaClientConfig() throws IOException {
        return Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + KAFKA_CLIENT_USER + "\" password=\"" + secret("kafka-client.password", 18) + "\";",
                "ssl.truststore.type", "PEM", "ssl.truststore.location", tls().caPem().toAbsolutePath().toString());
    }

    /** The same as a properties file, as Kafka's own tools and 'akscompute --kafka-config' read it. */
    Path kafkaClientProperties() throws IOException {
        return properties("kafka-client.properties", "");
    }

    /** The same with the {@code kafka.} prefix, as a service reads it (quarkus.config.locations). */
    Path kafkaServiceProperties() throws IOException {
        return properties("kafka-service.properties", "kafka.");
    }

    private Path properties(String file, String prefix) throws IOException {
        Properties p = new Properties();
        kafkaClientConfig().forEach((k, v) -> p.setProperty(prefix + k, String.valueOf(v)));
        Path path = dir.resolve(file);
        Files.createDirectories(dir);
        try (var out = Files.newBufferedWriter(path)) {
            p.store(out, "Kafka client settings of the local suite's secure broker");
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        return path;
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
