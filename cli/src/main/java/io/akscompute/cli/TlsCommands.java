package io.akscompute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.Json;
import java.io.IOException;
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

/** Your own certificates in tls-manager: upload one for {@code --ssl-cert-ref}, export one for use elsewhere. */
@Command(name = "tls", mixinStandardHelpOptions = true, sortOptions = false,
        abbreviateSynopsis = true,
        description = "Upload or export TLS certificates for scoring endpoints.",
        subcommands = {TlsCommands.Upload.class, TlsCommands.Export.class})
final class TlsCommands {
    static final String PASSWORD_ENV = "AKSCOMPUTE_TLS_PASSWORD";

    /** tls-manager's certificate endpoints need HTTP basic auth in production. */
    static final class Credentials {
        @Option(names = "--tls-user", paramLabel = "USER", defaultValue = "operator", order = 80,
                description = "tls-manager user. Default: ${DEFAULT-VALUE}.")
        String user;

        // No defaultValue: help would print the password.
        @Option(names = "--tls-password", paramLabel = "PASSWORD", order = 81,
                description = "tls-manager password. Default: env " + PASSWORD_ENV + ".")
        String password;

        Rest tlsManager(GlobalOptions global) {
            return new Rest("tls-manager", global.tlsManagerUrl)
                    .basicAuth(user, password != null ? password : System.getenv(PASSWORD_ENV));
        }

        JsonNode answer(Rest.Response response, String what) {
            if (response.status() == 401 || response.status() == 403) {
                throw CliException.failed(what + ": tls-manager refused user '" + user
                        + "' (give --tls-user and --tls-password or set " + PASSWORD_ENV + ")");
            }
            return QueryCommands.readTree(QueryCommands.QueryCommand.body(response, what));
        }

        /** Uploads a certificate and its key; answers the reference tls-manager gives it. */
        String upload(GlobalOptions global, CommandSpec spec, Path certFile, Path keyFile, String cname) {
            String body = Json.write(Map.of("cert", read(spec, certFile), "key", read(spec, keyFile), "cname", cname));
            return answer(tlsManager(global).postJson("/certificates", body), "upload of " + certFile)
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
        Credentials credentials;

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
            spec.commandLine().getOut().println(credentials.upload(global, spec, certFile, keyFile, cname));
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
            JsonNode export = credentials.answer(credentials.tlsManager(global)
                    .get("/certificates/" + QueryCommands.encode(ref) + "/export"), "export of " + ref);
            try {
                Files.createDirectories(outDir);
                Path cert = Files.writeString(outDir.resolve("cert.pem"), export.path("cert.pem").asText());
                Path key = outDir.resolve("key.pem");
                Files.deleteIfExists(key);
                Files.createFile(key);
                restrict(key);
                Files.writeString(key, export.path("key.pem").asText());
                spec.commandLine().getOut().println(cert);
                spec.commandLine().getOut().println(key);
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
}
