package io.akscompute.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.akscompute.common.identity.LocalIssuer;
import io.akscompute.emulator.AzureEmulator;
import java.util.Map;

/**
 * The real broker, the real database and the Azure emulator for a service's Quarkus tests. Give every test class of a module
 * the same {@code @WithTestResource(SuiteInfrastructure.class)} so they share one application start.
 * Both servers live for the whole test JVM; stop() leaves them up for the next application start.
 */
public class SuiteInfrastructure implements QuarkusTestResourceLifecycleManager {
    private String database = "akscompute";
    private boolean cuttable;

    /** {@code database}: the service's database; {@code link=cuttable}: reached through {@link DatabaseLink}. */
    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        cuttable = "cuttable".equals(initArgs.get("link"));
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey", TestIdentity.publicKeySet(),
                "mp.jwt.verify.issuer", LocalIssuer.ISSUER,
                "kafka.bootstrap.servers", KafkaBroker.bootstrapServers(),
                "quarkus.datasource.jdbc.url", cuttable ? DatabaseLink.current().jdbcUrl(database)
                        : Postgres.jdbcUrl(database),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "akscompute.azure.endpoint", Azure.emulator().armUrl().toString(),
                "akscompute.azure.trust-pem", Azure.emulator().caPem().toString(),
                "akscompute.azure.subscription-id", AzureEmulator.DEFAULT_SUBSCRIPTION_ID);
    }

    @Override
    public void stop() {
        // shared per JVM, see class comment
    }
}
