package io.akscompute.versioncatalog.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.akscompute.common.contract.Json;
import io.akscompute.common.identity.LocalIssuer;
import io.akscompute.emulator.AzureEmulator;
import io.akscompute.emulator.TlsMaterial;
import io.akscompute.testing.Azure;
import io.akscompute.testing.KafkaBroker;
import io.akscompute.testing.Postgres;
import io.akscompute.testing.TestIdentity;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * What version-catalog needs to run outside the tests, for the benchmark (deploy/bench/versions-bench.sh): the
 * same real Kafka broker, PostgreSQL and Azure emulator the tests use, westus seeded with the how-to's versions,
 * and what a production start needs (a server certificate for HTTPS, the test issuer's key set, a database
 * password that is not a default). Writes the service's settings as JVM options to the file given as first
 * argument and a bearer token beside it ({@code .token}), then runs until killed.
 */
public final class BenchInfrastructure {
    private BenchInfrastructure() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench-infrastructure.opts");
        AzureEmulator emulator = Azure.emulator();
        try (InputStream in = BenchInfrastructure.class.getResourceAsStream("/how-to-versions.json")) {
            ObjectNode dataSet = (ObjectNode) emulator.control().versions().deepCopy();
            dataSet.putObject("overrides").putObject("westus").set("values", Json.MAPPER.readTree(in).path("values"));
            emulator.control().replaceVersions(dataSet);
        }
        Path dir = out.toAbsolutePath().getParent();
        TlsMaterial tls = TlsMaterial.loadOrCreate(dir.resolve("tls"), "akscompute bench CA");
        Path keySet = Files.writeString(dir.resolve("jwks.json"), TestIdentity.publicKeySet());
        Files.writeString(dir.resolve(out.getFileName() + ".token"), TestIdentity.admin());
        String options = String.join(" ",
                "-Dquarkus.http.ssl.certificate.files=" + tls.serverCertificate(),
                "-Dquarkus.http.ssl.certificate.key-files=" + tls.serverKey(),
                "-Dmp.jwt.verify.publickey.location=" + keySet.toUri(),
                "-Dmp.jwt.verify.issuer=" + LocalIssuer.ISSUER,
                // The embedded server trusts local connections; a production start refuses a well-known password.
                "-Dquarkus.datasource.password=bench-not-a-default",
                "-Dkafka.bootstrap.servers=" + KafkaBroker.bootstrapServers(),
                "-Dquarkus.datasource.jdbc.url=" + Postgres.jdbcUrl("version_catalog"),
                "-Dakscompute.azure.endpoint=" + emulator.armUrl(),
                "-Dakscompute.azure.trust-pem=" + emulator.caPem(),
                "-Dakscompute.azure.subscription-id=" + AzureEmulator.DEFAULT_SUBSCRIPTION_ID);
        Path tmp = Files.createTempFile(dir, "bench", ".tmp");
        Files.writeString(tmp, options + "\n");
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("bench infrastructure up: " + options);
        new CountDownLatch(1).await();
    }
}
