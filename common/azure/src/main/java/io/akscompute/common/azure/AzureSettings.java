package io.akscompute.common.azure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how akscompute reaches Azure Resource Manager.
 *
 * @param endpoint        the ARM endpoint; null for real (public) Azure, the Azure emulator's URL locally
 * @param subscriptionId  the subscription; null means "from the environment" ({@code AZURE_SUBSCRIPTION_ID})
 *                        for real Azure and {@link #EMULATOR_SUBSCRIPTION_ID} for an endpoint
 * @param tenantId        the Entra ID tenant; null means "from the environment" for real Azure
 * @param trustPem        PEM file of the CA to trust for {@code endpoint} (the emulator's {@code ca.pem});
 *                        null means the JDK's default trust store
 * @param lroPollInterval how often our code polls a long-running operation when ARM sends no Retry-After
 */
public record AzureSettings(URI endpoint, String subscriptionId, String tenantId, Path trustPem,
                            Duration lroPollInterval) {

    /** The emulator accepts any subscription id; this is the one it seeds clusters into by default. */
    public static final String EMULATOR_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";
    public static final String EMULATOR_TENANT_ID = "00000000-0000-0000-0000-000000000000";
    public static final Duration DEFAULT_LRO_POLL_INTERVAL = Duration.ofSeconds(5);

    public AzureSettings {
        lroPollInterval = Objects.requireNonNullElse(lroPollInterval, DEFAULT_LRO_POLL_INTERVAL);
        if (lroPollInterval.isNegative() || lroPollInterval.isZero()) {
            throw new IllegalArgumentException("lroPollInterval must be positive");
        }
        if (endpoint != null && !endpoint.toString().endsWith("/")) {
            endpoint = URI.create(endpoint + "/");
        }
        if (endpoint != null && subscriptionId == null) {
            subscriptionId = EMULATOR_SUBSCRIPTION_ID;
        }
        if (endpoint != null && tenantId == null) {
            tenantId = EMULATOR_TENANT_ID;
        }
    }

    /** Real Azure with the subscription and tenant taken from the environment. */
    public static AzureSettings publicAzure() {
        return new AzureSettings(null, null, null, null, null);
    }

    /** The Azure emulator at {@code endpoint}, trusting its CA. */
    public static AzureSettings emulator(URI endpoint, Path caPem) {
        return new AzureSettings(endpoint, null, null, caPem, Duration.ofSeconds(1));
    }

    public AzureSettings withSubscriptionId(String value) {
        return new AzureSettings(endpoint, value, tenantId, trustPem, lroPollInterval);
    }

    /** True when a custom endpoint (the emulator) replaces real Azure. */
    public boolean hasCustomEndpoint() {
        return endpoint != null;
    }
}
