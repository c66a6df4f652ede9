package io.akscompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.identity.LocalIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'akscompute login' against the local suite's issuer key. */
class CliLoginTest {

    @Test
    void loginSavesATokenTheSuiteAcceptsWithTheRolesAsked(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("issuer.jwk");
        LocalIssuer issuer = LocalIssuer.inFile(key);
        Path saved = dir.resolve("token");

        Cli login = Cli.run("login", "--local-issuer", key.toString(), "--subject", "alice", "--role", "ws1:operator",
                "--role", "ws2:reader", "--save-to", saved.toString());

        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.out()).contains("logged in as alice (ws1:operator, ws2:reader)");
        assertThat(Files.getPosixFilePermissions(saved)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        var claims = new JwtConsumerBuilder().setExpectedIssuer(LocalIssuer.ISSUER)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(
                        new JsonWebKeySet(issuer.publicKeySet()).getJsonWebKeys()))
                .build().processToClaims(Files.readString(saved));
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringListClaimValue("roles")).containsExactly("ws1:operator", "ws2:reader");
    }

    @Test
    void withAnOutputFormatTheResultIsPrintedInIt(@TempDir Path dir) {
        Path key = dir.resolve("issuer.jwk");
        LocalIssuer.inFile(key);
        Cli login = Cli.run("login", "--local-issuer", key.toString(), "--subject", "bob", "--role", "ws1:reader",
                "--save-to", dir.resolve("token").toString(), "--query", "[subject, roles[0]]", "-o", "tsv");

        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.out()).isEqualTo("bob\nws1:reader\n"); // az prints a list of scalars a line each
    }

    @Test
    void aMalformedRoleIsAUsageError(@TempDir Path dir) {
        Path key = dir.resolve("issuer.jwk");
        LocalIssuer.inFile(key);
        Cli login = Cli.run("login", "--local-issuer", key.toString(), "--role", "ws1:owner", "--save-to",
                dir.resolve("token").toString());

        assertThat(login.exitCode()).isEqualTo(2);
        assertThat(login.err()).contains("--role takes WORKSPACE:ROLE");
        assertThat(dir.resolve("token")).doesNotExist();
    }
}
