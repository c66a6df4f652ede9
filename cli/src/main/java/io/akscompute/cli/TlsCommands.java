package io.akscompute.cli;

import io.akscompute.client.ServiceApi;
import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Your own certificates in tls-manager, in the workspace they belong to: upload one for {@code --ssl-cert-ref}
 * (operators), export one for use elsewhere (administrators; every export is announced on aks.status).
 */
@Command(name = "tls", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
        description = "Upload or export TLS certificates for scoring endpoints.",
        subcommands = {TlsCommands.Upload.class, TlsCommands.Export.class, TlsCommands.Reencrypt.class})
final class TlsCommands {
    /** tls-manager's certificate endpoints, in the workspace the certificate belongs to. */
    static final class Certificates {
        static ServiceApi tlsManager(GlobalOptions global) {
            return global.rest("tls-manager", global.tlsManagerUrl);
        }

        static String path(GlobalOptions global) {
            return "/workspaces/" + QueryCommands.encode(global.workspace) + "/certificates";
        }

        static JsonNode answer(ServiceApi.Response response, String what) {
            if (response.status() == 403) {
                throw CliException.failed(what + ": " + response.problem());
            }
            return QueryCommands.readTree(QueryCommands.QueryCommand.body(response, what));
        }

        /** Uploads a certificate and its key to the workspace; answers the reference tls-manager gives it. */
        static String upload(GlobalOptions global, CommandSpec spec, Path certFile, Path keyFile, String cname) {
            String body = Json.write(Map.of("cert", read(spec, certFile), "key", read(spec, keyFile), "cname", cname));
            return answer(tlsManager(global).postJson(path(global), body), "upload of " + certFile)
                    .path("certificateRef").asText();
        }

        private static String read(CommandSpec spec, Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    abstract static class TlsCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        GlobalOptions global;

        @Mixin
        OutputOptions output;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "upload", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "Upload a certificate and its key; prints the reference for --ssl-cert-ref.")
    static final class Upload extends TlsCommand {
        @Option(names = "--ssl-cert-file", paramLabel = "FILE", required = true, order = 1,
                description = "[Required] PEM certificate or chain, server certificate first.")
        Path certFile;

        @Option(names = "--ssl-key-file", paramLabel = "FILE", required = true, order = 2,
                description = "[Required] PEM private key of the certificate.")
        Path keyFile;

        @Option(names = "--ssl-cname", paramLabel = "CNAME", required = true, order = 3,
                description = "[Required] Host name the certificate is for.")
        String cname;

        @Override
        public Integer call() {
            output.check();
            String ref = Certificates.upload(global, spec, certFile, keyFile, cname);
            output.result(out(), Json.MAPPER.createObjectNode().put("certificateRef", ref), () -> out().println(ref));
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
            description = "Write a certificate and its key as cert.pem and key.pem.")
    static final class Export extends TlsCommand {
        @Parameters(paramLabel = "REF", description = "Certificate reference (printed by 'tls upload').")
        String ref;

        @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = ".", order = 1,
                description = "Directory for cert.pem and key.pem. Default: ${DEFAULT-VALUE}.")
        Path outDir;

        @Override
        public Integer call() {
            output.check();
            JsonNode export = Certificates.answer(Certificates.tlsManager(global)
                    .get(Certificates.path(global) + "/" + QueryCommands.encode(ref) + "/export"), "export of " + ref);
            try {
                Files.createDirectories(outDir);
                Path cert = Files.writeString(outDir.resolve("cert.pem"), export.path("cert.pem").asText());
                Path key = outDir.resolve("key.pem");
                Files.deleteIfExists(key);
                Files.createFile(key);
                restrict(key);
                Files.writeString(key, export.path("key.pem").asText());
                output.result(out(), Json.MAPPER.createObjectNode().put("certificateRef", ref)
                        .put("certFile", cert.toString()).put("keyFile", key.toString()), () -> {
                            out().println(cert);
                            out().println(key);
                        });
            } catch (IOException e) {
                throw CliException.failed("cannot write to " + outDir + ": " + e.getMessage());
            }
            return 0;
        }

        /** The key is written only after its file is readable by the owner alone. */
        private static void restrict(Path key) throws IOException {
            try {
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the platform's defaults
            }
        }
    }

    @Command(name = "reencrypt", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
            description = "Re-encrypt stored private keys with tls-manager's active key (key rotation).")
    static final class Reencrypt extends TlsCommand {
        @Override
        public Integer call() {
            output.check();
            int total = 0;
            JsonNode answer;
            int calls = 0;
            do {
                answer = Certificates.answer(Certificates.tlsManager(global).postJson("/keys/reencrypt", "{}"),
                        "re-encryption");
                total += answer.path("reencrypted").asInt();
            } while (answer.path("remaining").asLong() > 0 && ++calls < 10_000);
            JsonNode last = answer;
            int reencrypted = total;
            output.result(out(), Json.MAPPER.createObjectNode().put("reencrypted", reencrypted)
                    .put("activeKey", last.path("activeKey").asText()).put("remaining", last.path("remaining").asLong()),
                    () -> out().println(reencrypted + " private keys re-encrypted with key '"
                            + last.path("activeKey").asText() + "'; " + last.path("remaining").asLong() + " remain"));
            return answer.path("remaining").asLong() == 0 ? 0 : CliException.FAILED;
        }
    }
}
