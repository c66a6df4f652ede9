package io.akscompute.common.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A production start (the prod profile) refuses what would expose it: no database password, or one of the
 * well-known defaults (development and tests run with {@code postgres}; production gives its own,
 * QUARKUS_DATASOURCE_PASSWORD, from a Secret), and REST without a TLS certificate (plain HTTP is refused there).
 */
@ApplicationScoped
public class ProductionSecrets {
    static final Set<String> WELL_KNOWN = Set.of("postgres", "password", "admin", "changeme");

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> databasePassword;

    @ConfigProperty(name = "quarkus.http.ssl.certificate.key-store-file")
    Optional<String> keyStore;

    @ConfigProperty(name = "quarkus.http.ssl.certificate.files")
    Optional<String> certificateFiles;

    void check(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            refuseWellKnown(databasePassword);
            if (keyStore.isEmpty() && certificateFiles.isEmpty()) {
                throw new IllegalStateException("REST is served over HTTPS only and no certificate is configured: set "
                        + "QUARKUS_HTTP_SSL_CERTIFICATE_FILES and ..._KEY_FILES (PEM) or "
                        + "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_FILE and ..._PASSWORD");
            }
        }
    }

    static void refuseWellKnown(Optional<String> password) {
        if (password.isEmpty() || password.get().isBlank() || WELL_KNOWN.contains(password.get().trim())) {
            throw new IllegalStateException("the database password is " + (password.isEmpty() || password.get()
                    .isBlank() ? "not set" : "a well-known default") + ": a production start needs its own "
                    + "(QUARKUS_DATASOURCE_PASSWORD)");
        }
    }
}
