package io.akscompute.deploy.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Renders an overlay with {@code kubectl kustomize} (offline: kustomize is built into kubectl). */
final class Kustomize {
    private Kustomize() {
    }

    static String kubectl() {
        String configured = System.getProperty("akscompute.kubectl", "kubectl");
        if (configured.contains("/")) {
            if (!Files.isExecutable(Path.of(configured))) {
                throw new AssertionError("kubectl not found at " + configured + " (-Dakscompute.kubectl): the "
                        + "Kubernetes manifests are rendered with 'kubectl kustomize' and cannot be checked without it");
            }
            return configured;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, configured))) {
                return Path.of(dir, configured).toString();
            }
        }
        throw new AssertionError("kubectl is not on the PATH (" + path + "): the Kubernetes manifests are rendered "
                + "with 'kubectl kustomize' and cannot be checked without it; install kubectl (kustomize v5 built in) "
                + "or give its path with -Dakscompute.kubectl=/path/to/kubectl");
    }

    static String render(Path dir) {
        List<String> command = List.of(kubectl(), "kustomize", dir.toString());
        try {
            Process p = new ProcessBuilder(command).start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " took more than 120 s");
            }
            String stderr = new String(err.join(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + stderr);
            }
            return new String(out.join(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
