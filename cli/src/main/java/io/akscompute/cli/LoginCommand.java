package io.akscompute.cli;

import io.akscompute.client.AksComputeClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.akscompute.common.contract.Json;
import io.akscompute.common.identity.LocalIssuer;
import io.akscompute.common.rules.access.Caller;
import io.akscompute.common.rules.access.RoleClaims;
import io.akscompute.common.rules.access.WorkspaceRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Signs in against the local suite's issuer (its signing key is a file of the suite's data directory, readable by
 * the person who started it) and saves the token where the other commands find it. Against Entra ID or another
 * issuer, get a token there and give it with AKSCOMPUTE_TOKEN or --token.
 */
@Command(name = "login", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = "Get a token from the local suite's issuer and save it for the other commands.")
final class LoginCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--local-issuer", paramLabel = "FILE", required = true, order = 1,
            description = "[Required] The local suite's signing key (its path is printed when the suite starts).")
    Path issuerKey;

    @Option(names = "--subject", paramLabel = "NAME", order = 2, defaultValue = "${sys:user.name}",
            description = "Who you are. Default: ${DEFAULT-VALUE}.")
    String subject;

    @Option(names = "--role", paramLabel = "WS:ROLE", order = 3,
            description = "Role in a workspace: reader, operator or admin (* = every workspace). Default: *:admin.")
    List<String> roles;

    @Option(names = "--valid-for", paramLabel = "DURATION", order = 4, defaultValue = "PT12H",
            description = "How long the token is valid (ISO-8601). Default: ${DEFAULT-VALUE}.")
    Duration validFor;

    @Option(names = "--save-to", paramLabel = "FILE", order = 5,
            description = "Where to save the token. Default: env AKSCOMPUTE_TOKEN_FILE, else ~/.akscompute/token.")
    Path saveTo;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws IOException {
        output.check();
        if (!Files.isReadable(issuerKey)) {
            throw new ParameterException(spec.commandLine(), "cannot read the issuer key " + issuerKey);
        }
        Map<String, WorkspaceRole> granted = new HashMap<>();
        if (roles == null || roles.isEmpty()) {
            granted.put(Caller.ANY_WORKSPACE, WorkspaceRole.ADMIN);
        } else {
            Map<String, WorkspaceRole> parsed = new RoleClaims(RoleClaims.DEFAULT_PATTERN).roles(roles);
            if (parsed.size() != roles.size()) {
                throw new ParameterException(spec.commandLine(), "--role takes WORKSPACE:ROLE with ROLE one of "
                        + "reader, operator, admin, e.g. --role myworkspace:operator");
            }
            granted.putAll(parsed);
        }
        String token = LocalIssuer.inFile(issuerKey).token(subject, granted, validFor);
        Path file = saveTo != null ? saveTo : AksComputeClient.Builder.tokenFile();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system
        }
        Files.writeString(file, token);
        Instant until = Instant.now().plus(validFor);
        ObjectNode result = Json.MAPPER.createObjectNode().put("subject", subject).put("expiresOn", until.toString())
                .put("tokenFile", file.toString());
        RoleClaims.values(granted).forEach(result.withArray("roles")::add);
        output.result(spec.commandLine().getOut(), result, () -> spec.commandLine().getOut().println("logged in as "
                + subject + " (" + String.join(", ", RoleClaims.values(granted)) + ") until " + until
                + "; token saved in " + file));
        return 0;
    }
}
