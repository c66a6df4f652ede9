package io.akscompute.deploy;

import io.akscompute.emulator.AzureEmulator;
import io.akscompute.emulator.TlsMaterial;
import io.akscompute.testing.Azure;
import io.akscompute.testing.KafkaBroker;
import io.akscompute.testing.Postgres;
import io.akscompute.testing.TestIdentity;
import io.akscompute.common.identity.LocalIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A service run from its built application as a real process, wired to the test JVM's broker, PostgreSQL
 * (a database of its own) and Azure emulator; it can be killed (SIGKILL) and started again.
 */
final class RunningService implements AutoCloseable {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

    private final ServiceProcess service;
    private ManagedProcess process;

    private final TlsMaterial tls;

    RunningService(String name, String database) throws Exception {
        // A production start serves HTTPS only: a certificate of a CA of the tests' own.
        this.tls = TlsMaterial.loadOrCreate(REPO.resolve("deploy/launcher/target/restart-tls"), "restart tests CA");
        // Below the ephemeral range, as the suite's ports: a port the kernel handed out there could be a client
        // connection's by the time the service binds it.
        this.service = new ServiceProcess(name, database, SuitePorts.free(1).get(0)).withCa(tls.caPem());
    }

    RunningService start() throws Exception {
        Map<String, String> settings = Map.of(
                "mp.jwt.verify.publickey", TestIdentity.publicKeySet(),
                "mp.jwt.verify.issuer", LocalIssuer.ISSUER,
                "kafka.bootstrap.servers", KafkaBroker.bootstrapServers(),
                "quarkus.datasource.jdbc.url", Postgres.jdbcUrl(service.database()),
                "quarkus.datasource.username", "postgres",
                // A production start refuses the well-known password; the embedded server trusts local connections.
                "quarkus.datasource.password", "restart-test-" + service.name(),
                "akscompute.azure.endpoint", Azure.emulator().armUrl().toString(),
                "akscompute.azure.trust-pem", Azure.emulator().caPem().toString(),
                "akscompute.azure.subscription-id", AzureEmulator.DEFAULT_SUBSCRIPTION_ID);
        process = service.start(REPO, Files.createDirectories(REPO.resolve("deploy/launcher/target/logs")), settings,
                LocalSecrets.https(tls));
        service.awaitReady(process, Duration.ofSeconds(120));
        return this;
    }

    /** SIGKILL: no shutdown hook, no goodbye, as when a machine dies. */
    void kill() throws InterruptedException {
        process.kill();
        if (process.isAlive()) {
            throw new IllegalStateException(service.name() + " survived SIGKILL");
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop();
        }
    }
}
