package io.akscompute.common.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.rules.access.WorkspaceRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalIssuerTest {

    @Test
    void aTokenVerifiesAgainstThePublishedKeySetAndCarriesTheRoles(@TempDir Path dir) throws Exception {
        LocalIssuer issuer = LocalIssuer.inFile(dir.resolve("issuer.jwk"));
        String token = issuer.token("alice", Map.of("ws1", WorkspaceRole.OPERATOR), Duration.ofMinutes(5));

        var keys = new JsonWebKeySet(Files.readString(issuer.writePublicKeySet(dir.resolve("jwks.json"))));
        var claims = new JwtConsumerBuilder().setExpectedIssuer(LocalIssuer.ISSUER)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys())).build()
                .processToClaims(token);
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringListClaimValue(LocalIssuer.ROLES_CLAIM)).containsExactly("ws1:operator");
        assertThat(Files.readString(dir.resolve("jwks.json"))).doesNotContain("\"d\"");
    }

    @Test
    void anIdTokenNamesItsClientAndEchoesTheNonceWhenThereIsOne() throws Exception {
        LocalIssuer issuer = LocalIssuer.generate();
        var consumer = new JwtConsumerBuilder().setExpectedIssuer(LocalIssuer.ISSUER).setExpectedAudience("portal")
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(
                        new JsonWebKeySet(issuer.publicKeySet()).getJsonWebKeys())).build();

        var claims = consumer.processToClaims(issuer.idToken("alice", "portal", "n1",
                Map.of("ws1", WorkspaceRole.READER), Duration.ofMinutes(5)));
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringClaimValue("nonce")).isEqualTo("n1");
        assertThat(claims.getStringClaimValue("name")).isEqualTo("alice");
        assertThat(claims.getStringListClaimValue(LocalIssuer.ROLES_CLAIM)).containsExactly("ws1:reader");

        var withoutNonce = consumer.processToClaims(issuer.idToken("alice", "portal", null, Map.of(),
                Duration.ofMinutes(5)));
        assertThat(withoutNonce.hasClaim("nonce")).isFalse();
    }

    @Test
    void theKeyFileIsReusedAcrossStarts(@TempDir Path dir) {
        LocalIssuer first = LocalIssuer.inFile(dir.resolve("issuer.jwk"));
        LocalIssuer again = LocalIssuer.inFile(dir.resolve("issuer.jwk"));
        assertThat(again.publicKeySet()).isEqualTo(first.publicKeySet());
    }
}
