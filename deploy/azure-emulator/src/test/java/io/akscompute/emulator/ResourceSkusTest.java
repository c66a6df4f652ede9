package io.akscompute.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.management.exception.ManagementException;
import io.akscompute.common.azure.AzureClients;
import io.akscompute.common.azure.ResourceSkus;
import io.akscompute.common.contract.LocationVersions.VmSize;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VM sizes of a location as common's Resource SKUs reader sees them from the emulator. */
class ResourceSkusTest {

    @TempDir
    static Path stateDir;
    static AzureEmulator emulator;
    static AzureClients clients;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulated.start(stateDir);
        clients = Emulated.clients(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void currentFamiliesWithTheirFiguresAndOneRestrictedSize() {
        List<VmSize> sizes = ResourceSkus.virtualMachines(clients.containerServiceManager(), "westus");

        assertEquals(VmSkus.count(), sizes.size(), "virtual machines only, the disk SKU left out");
        List<String> names = sizes.stream().map(VmSize::name).toList();
        assertTrue(names.containsAll(List.of("Standard_D3_v2", "Standard_D4s_v5", "Standard_D8s_v6",
                "Standard_E4s_v5", "Standard_NC4as_T4_v3")), names::toString);
        assertEquals(new VmSize("Standard_D3_v2", "standardDv2Family", 4, 14, null), find(sizes, "Standard_D3_v2"));
        assertEquals(3.5, find(sizes, "Standard_DS1_v2").memoryGiB());
        List<VmSize> restricted = sizes.stream().filter(s -> !s.available()).toList();
        assertEquals(List.of(new VmSize(VmSkus.RESTRICTED, "standardNCSv3Family", 24, 448,
                "NotAvailableForSubscription")), restricted);
    }

    @Test
    void aLocationAzureDoesNotServeIsAnArmError() {
        ManagementException e = assertThrows(ManagementException.class,
                () -> ResourceSkus.virtualMachines(clients.containerServiceManager(), "atlantis"));
        assertEquals(404, e.getResponse().getStatusCode());
        assertEquals("LocationNotAvailableForResourceType", e.getValue().getCode());
    }

    private static VmSize find(List<VmSize> sizes, String name) {
        return sizes.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
