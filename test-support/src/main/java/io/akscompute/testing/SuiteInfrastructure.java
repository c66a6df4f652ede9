package io.akscompute.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The real broker and the real database for a service's Quarkus tests. Give every test class of a module
 * the same {@code @WithTestResource(SuiteInfrastructure.class)} so they share one application start.
 * Both servers live for the whole test JVM; stop() leaves them up for the next application start.
 */
public class SuiteInfrastructure implements QuarkusTestResourceLifecycleManager {
    private String database = "akscompute";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "kafka.bootstrap.servers", KafkaBroker.bootstrapServers(),
                "quarkus.datasource.jdbc.url", Postgres.jdbcUrl(database),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        // shared per JVM, see class comment
    }
}
