package io.akscompute.common.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A production start (the prod profile) refuses secrets that are public: no database password, or one of the
 * well-known defaults. Development and tests run with {@code postgres}; production gives its own
 * (QUARKUS_DATASOURCE_PASSWORD, from a Secret).
 */
@ApplicationScoped
public class ProductionSecrets {
    static final Set<String> WELL_KNOWN = Set.of("postgres", "password", "admin", "changeme");

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> databasePassword;

    void check(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            refuseWellKnown(databasePassword);
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
