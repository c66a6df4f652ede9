package io.akscompute.deploy;

import io.akscompute.common.contract.TrustedCa;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One akscompute service, run from its built Quarkus application as its own JVM; over HTTPS when {@code ca} (the CA
 * of its server certificate) is given, as every production start is.
 */
record ServiceProcess(String name, String database, int port, Path ca, int replica) {

    ServiceProcess(String name, String database, int port) {
        this(name, database, port, null, 0);
    }

    ServiceProcess withCa(Path caPem) {
        return new ServiceProcess(name, database, port, caPem, replica);
    }

    /** Another replica of the service (1, 2, ...): the same application and database, its own port and log. */
    ServiceProcess replica(int index, int replicaPort) {
        return new ServiceProcess(name, database, replicaPort, ca, index);
    }

    /** {@code attacher} for the first replica, {@code attacher-2} for the second: names its process and log. */
    String processName() {
        return replica == 0 ? name : name + "-" + (replica + 1);
    }

    /** An HTTP client that trusts the service's certificate. */
    HttpClient http() {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (ca != null) {
            b.sslContext(TrustedCa.sslContext(ca));
        }
        return b.build();
    }

    Path runnable(Path repo) {
        return repo.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    String url() {
        return (ca == null ? "http" : "https") + "://localhost:" + port;
    }

    /** Starts the service's built application with these settings (Kafka, database, Azure) as system properties. */
    ManagedProcess start(Path repo, Path logDir, Map<String, String> settings) throws IOException {
        return start(repo, logDir, settings, Map.of());
    }

    /** Same, with environment variables for what must not show on a command line (keys, passwords). */
    ManagedProcess start(Path repo, Path logDir, Map<String, String> settings, Map<String, String> env)
            throws IOException {
        return start(repo, logDir, settings, env, null);
    }

    /** Same, and with {@code aot} (may be null) the JDK's AOT cache: used when there is one, trained when not. */
    ManagedProcess start(Path repo, Path logDir, Map<String, String> settings, Map<String, String> env, AotCache aot)
            throws IOException {
        Path jar = runnable(repo);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; build first (mvn install -DskipTests)");
        }
        List<String> aotOptions = aot == null ? List.of() : aot.jvmOptions(this, jar);
        List<String> command = new java.util.ArrayList<>(List.of(Suite.javaBinary()));
        command.addAll(aotOptions);
        // C1 only: on two cores C2's compiling costs more CPU than its faster code saves. A small fixed young
        // generation: the default third of the heap is 85 MB of memory that each collection has touched
        // (docs/benchmarks.md).
        command.addAll(List.of("-Xmx256m", "-Xmn16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.ssl-port=" + port));
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        return ManagedProcess.start(processName(), command, env, logDir, AotCache.stopGrace(aotOptions));
    }

    /** Waits until {@code /q/health/ready} answers 200: database migrated, Kafka channels connected. */
    void awaitReady(ManagedProcess process, Duration timeout) throws InterruptedException {
        HttpClient http = http();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start; last lines of " + process.log()
                        + ":\n" + process.tail(40));
            }
            try {
                HttpResponse<String> r = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100); // polling a process that is starting: nothing to wait on but time
        }
        throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s (" + last
                + "); see " + process.log());
    }
}
