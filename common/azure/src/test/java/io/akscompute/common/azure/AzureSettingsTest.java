package io.akscompute.common.azure;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AzureSettingsTest {

    @Test
    void anEndpointGetsTheEmulatorsDefaultsAndATrailingSlash() {
        AzureSettings settings = AzureSettings.emulator(URI.create("https://localhost:8443"), Path.of("ca.pem"));

        assertTrue(settings.hasCustomEndpoint());
        assertEquals(URI.create("https://localhost:8443/"), settings.endpoint());
        assertEquals(AzureSettings.EMULATOR_SUBSCRIPTION_ID, settings.subscriptionId());
        assertEquals(AzureSettings.EMULATOR_TENANT_ID, settings.tenantId());
        assertEquals("sub-2", settings.withSubscriptionId("sub-2").subscriptionId());
    }

    @Test
    void publicAzureLeavesSubscriptionAndTenantToTheEnvironment() {
        AzureSettings settings = AzureSettings.publicAzure();

        assertFalse(settings.hasCustomEndpoint());
        assertNull(settings.subscriptionId());
        assertNull(settings.tenantId());
        assertEquals(AzureSettings.DEFAULT_LRO_POLL_INTERVAL, settings.lroPollInterval());
    }

    @Test
    void thePollIntervalMustBePositive() {
        assertThrows(IllegalArgumentException.class,
                () -> new AzureSettings(null, "s", "t", null, Duration.ZERO));
    }

    @Test
    void emulatorClientsBuildWithoutTouchingTheNetwork() {
        AzureClients clients = new AzureClients(new AzureSettings(URI.create("https://localhost:1/"), null, null,
                null, null));

        assertEquals("https://localhost:1/", clients.profile().getEnvironment().getResourceManagerEndpoint());
        assertEquals(AzureSettings.EMULATOR_SUBSCRIPTION_ID, clients.containerServiceManager().subscriptionId());
    }
}
