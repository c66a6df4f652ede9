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

    /**
     * This service's share of ARM's per-subscription budget (ARM allows about 1,200 writes and 12,000 reads an
     * hour per subscription): writes (PUT, POST, PATCH, DELETE) per hour, shared by all replicas through the
     * database; 0 turns the budget off. Give the services shares that add up to no more than ARM's.
     */
    @WithDefault("0")
    int writesPerHour();

    /** The same for reads (GET, HEAD). */
    @WithDefault("0")
    int readsPerHour();
}
