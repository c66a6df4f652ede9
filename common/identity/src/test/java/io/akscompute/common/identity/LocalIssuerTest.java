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
    void theKeyFileIsReusedAcrossStarts(@TempDir Path dir) {
        LocalIssuer first = LocalIssuer.inFile(dir.resolve("issuer.jwk"));
        LocalIssuer again = LocalIssuer.inFile(dir.resolve("issuer.jwk"));
        assertThat(again.publicKeySet()).isEqualTo(first.publicKeySet());
    }
}
