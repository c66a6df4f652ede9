package io.akscompute.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of {@code cli/akscompute} as a user types it, against a running suite. */
record Cli(List<String> args, int exitCode, String out, String err) {

    static Cli run(Suite suite, String... args) throws IOException, InterruptedException {
        return run(suite, Map.of(), args);
    }

    /** With these environment variables set for it too (the user's defaults, e.g. AKSCOMPUTE_WORKSPACE). */
    static Cli run(Suite suite, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("akscompute-cli", ".out");
        Path err = Files.createTempFile("akscompute-cli", ".err");
        try {
            ProcessBuilder pb = suite.cli(args);
            pb.environment().putAll(env);
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("akscompute " + String.join(" ", args) + " did not end in 300 s");
            }
            Cli cli = new Cli(List.of(args), p.exitValue(), Files.readString(out), Files.readString(err));
            System.out.println("$ akscompute " + String.join(" ", args) + "   -> exit " + cli.exitCode + "\n" + cli.out
                    + cli.err);
            return cli;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Both streams, for assertions about what the user saw. */
    String output() {
        return out + err;
    }

    JsonNode json() throws IOException {
        return Json.MAPPER.readTree(out);
    }

    @Override
    public String toString() {
        return "akscompute " + String.join(" ", args) + " (exit " + exitCode + "):\n" + out + err;
    }
}
