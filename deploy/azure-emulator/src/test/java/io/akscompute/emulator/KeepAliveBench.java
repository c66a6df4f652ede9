package io.akscompute.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Calls on one kept-alive HTTPS connection to the emulator, as the Azure SDK makes them: the time per call (p50,
 * p90). Run by deploy/bench/emulator-keepalive.sh with TCP_NODELAY off and on.
 */
public final class KeepAliveBench {
    private static final int WARM_UP = 20;
    private static final int CALLS = 200;

    public static void main(String[] args) throws Exception {
        try (AzureEmulator emulator = AzureEmulator.start(EmulatorOptions.defaults())) {
            HttpClient client = Emulated.https(emulator); // HTTP/1.1: the JDK server offers no h2
            HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.armUrl() + "_emulator/info")).build();
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < WARM_UP + CALLS; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("the emulator answered " + response.statusCode());
                }
                if (i >= WARM_UP) {
                    micros.add((System.nanoTime() - start) / 1000);
                }
            }
            Collections.sort(micros);
            System.out.printf("| %s | %d | %.1f ms | %.1f ms |%n", System.getProperty("sun.net.httpserver.nodelay"),
                    CALLS, micros.get(CALLS / 2) / 1000.0, micros.get(CALLS * 9 / 10) / 1000.0);
        }
    }
}
