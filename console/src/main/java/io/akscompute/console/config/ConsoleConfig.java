package io.akscompute.console.config;

import io.akscompute.common.rules.access.RoleClaims;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.util.Optional;

/** {@code akscompute.console.*}: where the suite is, as the CLI's AKSCOMPUTE_* settings say it. */
@ConfigMapping(prefix = "akscompute.console")
public interface ConsoleConfig {

    /** The Kafka the suite uses ({@code AKSCOMPUTE_CONSOLE_BOOTSTRAP_SERVERS}). */
    @WithName("bootstrap-servers")
    String bootstrapServers();

    /** Kafka client settings for a secured broker (sasl.*, ssl.*), as a properties file. */
    @WithName("kafka-config-file")
    Optional<Path> kafkaConfigFile();

    @WithName("attacher-url")
    String attacherUrl();

    @WithName("provisioner-url")
    String provisionerUrl();

    @WithName("version-catalog-url")
    String versionCatalogUrl();

    @WithName("tls-manager-url")
    String tlsManagerUrl();

    /** The CA of the services' certificates; absent: the JDK's trust store. */
    @WithName("ca-file")
    Optional<Path> caFile();

    /**
     * How one value of the roles (the ID token's claim {@code quarkus.oidc.roles.role-claim-path}) names a workspace
     * and a role, as the services' {@code akscompute.auth.role-pattern}.
     */
    @WithName("role-pattern")
    @WithDefault(RoleClaims.DEFAULT_PATTERN)
    String rolePattern();

    /** How many computes a page of a workspace lists (the attacher's {@code $top}: 1 to 1000). */
    @WithName("page-size")
    @WithDefault("100")
    int pageSize();

    /** How many operations the console keeps for their pages and progress; older ones are read from the services. */
    @WithName("kept-operations")
    @WithDefault("500")
    int keptOperations();
}
