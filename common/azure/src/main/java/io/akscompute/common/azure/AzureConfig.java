package io.akscompute.common.azure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code akscompute.azure.*}: every property is optional, so a service that never talks to Azure starts
 * without any of them. Without {@code endpoint} the clients target real Azure.
 */
@ConfigMapping(prefix = "akscompute.azure")
public interface AzureConfig {

    /** ARM endpoint, e.g. the emulator's {@code https://localhost:8443/}; absent for real Azure. */
    Optional<String> endpoint();

    Optional<String> subscriptionId();

    Optional<String> tenantId();

    /** PEM file of the CA to trust for {@code endpoint} (the emulator's {@code ca.pem}). */
    Optional<String> trustPem();

    /** How often to poll a long-running operation when ARM sends no Retry-After. */
    @WithDefault("5s")
    Duration lroPollInterval();
}
