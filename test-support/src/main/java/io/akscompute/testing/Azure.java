package io.akscompute.testing;

import io.akscompute.common.azure.AzureClients;
import io.akscompute.common.azure.AzureSettings;
import io.akscompute.emulator.AzureEmulator;
import io.akscompute.emulator.EmulatorOptions;
import java.io.IOException;

/** The Azure emulator (real HTTPS, real ARM protocol) embedded once per test JVM. */
public final class Azure {
    private static AzureEmulator emulator;
    private static AzureClients clients;

    private Azure() {
    }

    public static synchronized AzureEmulator emulator() {
        if (emulator == null) {
            try {
                emulator = AzureEmulator.start(EmulatorOptions.defaults());
            } catch (IOException e) {
                throw new IllegalStateException("could not start the Azure emulator", e);
            }
            // No stop at exit: it holds no process or file that outlives the JVM.
        }
        return emulator;
    }

    /** The same client factory the services use, pointed at the emulator: for a test's own checks. */
    public static synchronized AzureClients clients() {
        if (clients == null) {
            clients = new AzureClients(AzureSettings.emulator(emulator().armUrl(), emulator().caPem()));
        }
        return clients;
    }
}
