package io.akscompute.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator as its own process until it is stopped:
 * {@code java -cp ... io.akscompute.emulator.AzureEmulatorMain --port 8443 --state-dir ./azure-state}.
 */
public final class AzureEmulatorMain {

    private AzureEmulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = 8443;
        Path stateDir = Path.of("azure-emulator-state");
        EmulatorSettings settings = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> { port = Integer.parseInt(required(args[i], value)); i++; }
                case "--state-dir" -> { stateDir = Path.of(required(args[i], value)); i++; }
                case "--provisioning-delay-ms" -> {
                    settings = base(settings).withProvisioningDelay(Duration.ofMillis(Long.parseLong(required(args[i], value))));
                    i++;
                }
                case "--requests-per-second" -> {
                    settings = base(settings).withRequestsPerSecond(Integer.parseInt(required(args[i], value)));
                    i++;
                }
                case "--legacy-versions-only" -> settings = base(settings).withLegacyVersionsOnly(true);
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: AzureEmulatorMain [--port 8443] [--state-dir azure-emulator-state]
                                   [--provisioning-delay-ms 2000] [--requests-per-second 0] [--legacy-versions-only]
                            Settings given here replace those saved in the state directory.""");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
            }
        }
        AzureEmulator emulator = AzureEmulator.start(new EmulatorOptions(port, stateDir, settings));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop();
            stopped.countDown();
        }, "azure-emulator-shutdown"));
        System.out.println("Azure emulator ready: " + emulator.armUrl());
        System.out.println("  control API:  " + emulator.armUrl() + "_emulator/info");
        System.out.println("  trust (PEM):  " + emulator.caPem().toAbsolutePath());
        System.out.println("  truststore:   " + emulator.truststore().toAbsolutePath() + " (PKCS12, password "
                + emulator.truststorePassword() + ")");
        stopped.await();
    }

    private static EmulatorSettings base(EmulatorSettings settings) {
        return settings != null ? settings : EmulatorSettings.defaults();
    }

    private static String required(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }
}
