package io.akscompute.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Calls on one kept-alive HTTPS connection to the emulator, as the Azure SDK makes them: the time per call (p50,
 * p90). Run by deploy/bench/emulator-keepalive.sh with TCP_NODELAY off and on.
 */
public final class KeepAliveBench {
    private static final int WARM_UP = 20;
    private static final int CALLS = 200;

    public static void main(String[] args) throws Exception {
        try (AzureEmulator emulator = AzureEmulator.start(EmulatorOptions.defaults())) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(emulator.truststore())) {
                trust.load(in, emulator.truststorePassword().toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
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
