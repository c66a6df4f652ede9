package io.akscompute.common.identity;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.rules.access.WorkspaceRole;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalSignInTest {
    private static final String CALLBACK = "http://localhost:8080/callback";
    private static final String CALLBACK_WITH_QUERY = "http://localhost:8080/cb?tenant=1";
    private static final LocalIssuer ISSUER = LocalIssuer.generate();

    private final TestClock clock = new TestClock();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private LocalSignIn signIn;

    @BeforeEach
    void start() {
        signIn = LocalSignIn.start(ISSUER, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null,
                new LocalSignIn.Client("portal", "s3cret", List.of(CALLBACK, CALLBACK_WITH_QUERY)),
                List.of(new LocalSignIn.User("alice", "correct horse",
                        Map.of("ws1", WorkspaceRole.OPERATOR, "*", WorkspaceRole.ADMIN))),
                clock);
    }

    @AfterEach
    void stop() {
        signIn.close();
    }

    @Test
    void aUserSignsInAndTheClientGetsVerifiableTokensWithTheRoles() throws Exception {
        Map<String, Object> discovery = JsonUtil.parseJson(get("/.well-known/openid-configuration").body());
        assertThat(discovery).containsEntry("issuer", LocalIssuer.ISSUER)
                .containsEntry("authorization_endpoint", signIn.baseUri() + "/authorize")
                .containsEntry("token_endpoint", signIn.baseUri() + "/token")
                .containsEntry("jwks_uri", signIn.baseUri() + "/jwks")
                .containsEntry("end_session_endpoint", signIn.baseUri() + "/logout")
                .containsEntry("code_challenge_methods_supported", List.of("S256"));

        String verifier = "a-verifier-of-at-least-forty-three-characters-0123456789";
        Map<String, String> request = authorizeRequest(CALLBACK, "st&te <1>");
        request.put("code_challenge", challenge(verifier));
        request.put("code_challenge_method", "S256");
        HttpResponse<String> page = get("/authorize?" + form(request));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Sign in to akscompute</title>",
                "<form method=\"post\" action=\"/authorize\">",
                "<label for=\"username\">", "id=\"username\" name=\"username\"",
                "<label for=\"password\">", "id=\"password\" name=\"password\" type=\"password\"",
                "<button id=\"sign-in\" type=\"submit\">",
                "name=\"state\" value=\"st&amp;te &lt;1&gt;\"", "name=\"code_challenge\"")
                .doesNotContain("<1>");

        HttpResponse<String> signedIn = postSignIn(request, "alice", "correct horse");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String location = signedIn.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK + "?");
        Map<String, String> answer = queryOf(location);
        assertThat(answer).containsEntry("state", "st&te <1>").containsKey("code");

        HttpResponse<String> tokens = post("/token", Map.of("grant_type", "authorization_code",
                "code", answer.get("code"), "redirect_uri", CALLBACK, "code_verifier", verifier),
                "Authorization", basic("portal", "s3cret"));
        assertThat(tokens.statusCode()).isEqualTo(200);
        assertThat(tokens.headers().firstValue("Cache-Control")).hasValue("no-store");
        Map<String, Object> body = JsonUtil.parseJson(tokens.body());
        assertThat(body).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600L)
                .containsEntry("scope", "openid profile");

        var keys = new JsonWebKeySet(get("/jwks").body());
        JwtClaims id = new JwtConsumerBuilder().setExpectedIssuer(LocalIssuer.ISSUER).setExpectedAudience("portal")
                .setRequireExpirationTime().setRequireSubject()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys())).build()
                .processToClaims((String) body.get("id_token"));
        assertThat(id.getSubject()).isEqualTo("alice");
        assertThat(id.getStringClaimValue("nonce")).isEqualTo("n-0S6_WzA2Mj");
        assertThat(id.getStringClaimValue("preferred_username")).isEqualTo("alice");
        assertThat(id.getStringListClaimValue(LocalIssuer.ROLES_CLAIM)).containsExactly("*:admin", "ws1:operator");

        JwtClaims access = new JwtConsumerBuilder().setExpectedIssuer(LocalIssuer.ISSUER)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys())).build()
                .processToClaims((String) body.get("access_token"));
        assertThat(access.getSubject()).isEqualTo("alice");
        assertThat(access.getStringListClaimValue(LocalIssuer.ROLES_CLAIM)).containsExactly("*:admin", "ws1:operator");
    }

    @Test
    void aWrongPasswordShowsTheFormAgainWithTheUserNameAndNoCode() throws Exception {
        HttpResponse<String> wrong = postSignIn(authorizeRequest(CALLBACK, "s"), "alice", "battery staple");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Location")).isEmpty();
        assertThat(wrong.body()).contains("Wrong user name or password.", "value=\"alice\"", "role=\"alert\"");

        HttpResponse<String> nobody = postSignIn(authorizeRequest(CALLBACK, "s"), "<b>mallory</b>", "x");
        assertThat(nobody.statusCode()).isEqualTo(401);
        assertThat(nobody.body()).contains("value=\"&lt;b&gt;mallory&lt;/b&gt;\"").doesNotContain("<b>mallory");
    }

    @Test
    void anUnregisteredRedirectUriOrClientIsRefusedWithoutRedirecting() throws Exception {
        for (Map<String, String> request : List.of(authorizeRequest("http://localhost:8080/callback/evil", "s"),
                authorizeRequest("https://evil.example/callback", "s"), withClient(authorizeRequest(CALLBACK, "s")))) {
            HttpResponse<String> page = get("/authorize?" + form(request));
            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.headers().firstValue("Location")).isEmpty();
            assertThat(page.body()).containsAnyOf("redirect_uri", "client_id");

            HttpResponse<String> posted = postSignIn(request, "alice", "correct horse");
            assertThat(posted.statusCode()).isEqualTo(400);
            assertThat(posted.headers().firstValue("Location")).isEmpty();
        }
    }

    @Test
    void anotherResponseTypeIsSentBackToTheClientAsAnError() throws Exception {
        Map<String, String> request = authorizeRequest(CALLBACK_WITH_QUERY, "xyz");
        request.put("response_type", "token");
        HttpResponse<String> answer = get("/authorize?" + form(request));
        assertThat(answer.statusCode()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK_WITH_QUERY + "&");
        assertThat(queryOf(location)).containsEntry("error", "unsupported_response_type").containsEntry("state", "xyz");
    }

    @Test
    void aRedirectUriWithAQueryGetsTheCodeAppended() throws Exception {
        String location = postSignIn(authorizeRequest(CALLBACK_WITH_QUERY, "s"), "alice", "correct horse")
                .headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK_WITH_QUERY + "&code=");
        assertThat(queryOf(location)).containsEntry("tenant", "1").containsEntry("state", "s");
    }

    @Test
    void aCodeIsGoodForOneExchangeOnly() throws Exception {
        String code = signInForCode(authorizeRequest(CALLBACK, "s"));
        // client_secret_post this time
        Map<String, String> exchange = Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", CALLBACK, "client_id", "portal", "client_secret", "s3cret");
        assertThat(post("/token", exchange).statusCode()).isEqualTo(200);

        HttpResponse<String> again = post("/token", exchange);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(JsonUtil.parseJson(again.body())).containsEntry("error", "invalid_grant");
    }

    @Test
    void aWrongClientSecretIsInvalidClient() throws Exception {
        String code = signInForCode(authorizeRequest(CALLBACK, "s"));
        HttpResponse<String> basic = post("/token", tokenRequest(code, CALLBACK),
                "Authorization", basic("portal", "guess"));
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(basic.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(JsonUtil.parseJson(basic.body())).containsEntry("error", "invalid_client");

        Map<String, String> posted = new HashMap<>(tokenRequest(code, CALLBACK));
        posted.putAll(Map.of("client_id", "portal", "client_secret", "guess"));
        assertThat(JsonUtil.parseJson(post("/token", posted).body())).containsEntry("error", "invalid_client");
        assertThat(JsonUtil.parseJson(post("/token", tokenRequest(code, CALLBACK)).body()))
                .containsEntry("error", "invalid_client");
    }

    @Test
    void aVerifierThatDoesNotMatchTheChallengeIsInvalidGrant() throws Exception {
        Map<String, String> request = authorizeRequest(CALLBACK, "s");
        request.put("code_challenge", challenge("the-verifier-the-client-made-for-this-request-000"));
        request.put("code_challenge_method", "S256");
        String code = signInForCode(request);
        Map<String, String> exchange = new HashMap<>(tokenRequest(code, CALLBACK));
        exchange.put("code_verifier", "a-verifier-an-attacker-made-up-for-a-stolen-code-00");
        HttpResponse<String> answer = post("/token", exchange, "Authorization", basic("portal", "s3cret"));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JsonUtil.parseJson(answer.body())).containsEntry("error", "invalid_grant");
    }

    @Test
    void aCodeForAnotherRedirectUriIsInvalidGrant() throws Exception {
        String code = signInForCode(authorizeRequest(CALLBACK, "s"));
        HttpResponse<String> answer = post("/token", tokenRequest(code, CALLBACK_WITH_QUERY),
                "Authorization", basic("portal", "s3cret"));
        assertThat(JsonUtil.parseJson(answer.body())).containsEntry("error", "invalid_grant");
    }

    @Test
    void anExpiredCodeIsInvalidGrant() throws Exception {
        String code = signInForCode(authorizeRequest(CALLBACK, "s"));
        clock.advance(LocalSignIn.CODE_LIFETIME.plusSeconds(1));
        HttpResponse<String> answer = post("/token", tokenRequest(code, CALLBACK),
                "Authorization", basic("portal", "s3cret"));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JsonUtil.parseJson(answer.body())).containsEntry("error", "invalid_grant");
    }

    @Test
    void theOldestCodeGivesWayWhenTooManyAreOutstanding() throws Exception {
        String oldest = signInForCode(authorizeRequest(CALLBACK, "s"));
        String newest = null;
        for (int i = 0; i < LocalSignIn.MAX_CODES; i++) {
            newest = signInForCode(authorizeRequest(CALLBACK, "s"));
        }
        Map<String, Object> gone = JsonUtil.parseJson(post("/token", tokenRequest(oldest, CALLBACK),
                "Authorization", basic("portal", "s3cret")).body());
        assertThat(gone).containsEntry("error", "invalid_grant");
        assertThat(post("/token", tokenRequest(newest, CALLBACK), "Authorization", basic("portal", "s3cret"))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void tooLargeRequestsAreRefused() throws Exception {
        Map<String, String> big = new HashMap<>(tokenRequest("c", CALLBACK));
        big.put("padding", "x".repeat(LocalSignIn.MAX_BODY));
        assertThat(post("/token", big).statusCode()).isEqualTo(413);
        assertThat(post("/authorize", big).statusCode()).isEqualTo(413);

        Map<String, String> longState = authorizeRequest(CALLBACK, "s".repeat(LocalSignIn.MAX_PARAMETER + 1));
        HttpResponse<String> page = get("/authorize?" + form(longState));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void logoutReturnsOnlyToTheClientsOwnOrigins() throws Exception {
        HttpResponse<String> home = get("/logout?post_logout_redirect_uri="
                + URLEncoder.encode("http://localhost:8080/bye", UTF_8) + "&state=s1");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValue("http://localhost:8080/bye?state=s1");

        for (String foreign : List.of("http://localhost:8080.evil.example/", "https://localhost:8080/",
                "http://evil.example/", "http://user@localhost:8080/")) {
            HttpResponse<String> page = get("/logout?post_logout_redirect_uri=" + URLEncoder.encode(foreign, UTF_8));
            assertThat(page.statusCode()).as(foreign).isEqualTo(200);
            assertThat(page.headers().firstValue("Location")).as(foreign).isEmpty();
            assertThat(page.body()).contains("signed out");
        }
    }

    @Test
    void unknownPathsAndWrongMethodsAreRefused() throws Exception {
        assertThat(get("/admin").statusCode()).isEqualTo(404);
        assertThat(get("/token").statusCode()).isEqualTo(405);
        assertThat(post("/jwks", Map.of()).statusCode()).isEqualTo(405);
        HttpResponse<String> unsupported = post("/token", Map.of("grant_type", "password"),
                "Authorization", basic("portal", "s3cret"));
        assertThat(JsonUtil.parseJson(unsupported.body())).containsEntry("error", "unsupported_grant_type");
    }

    // ---- helpers

    private static Map<String, String> authorizeRequest(String redirectUri, String state) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("response_type", "code");
        request.put("client_id", "portal");
        request.put("redirect_uri", redirectUri);
        request.put("state", state);
        request.put("scope", "openid profile");
        request.put("nonce", "n-0S6_WzA2Mj");
        return request;
    }

    private static Map<String, String> withClient(Map<String, String> request) {
        request.put("client_id", "someone-else");
        return request;
    }

    private static Map<String, String> tokenRequest(String code, String redirectUri) {
        return Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri);
    }

    private String signInForCode(Map<String, String> request) throws Exception {
        HttpResponse<String> signedIn = postSignIn(request, "alice", "correct horse");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        return queryOf(signedIn.headers().firstValue("Location").orElseThrow()).get("code");
    }

    private HttpResponse<String> postSignIn(Map<String, String> request, String user, String password)
            throws Exception {
        Map<String, String> fields = new LinkedHashMap<>(request);
        fields.put("username", user);
        fields.put("password", password);
        return post("/authorize", fields);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(signIn.baseUri() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> fields, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(signIn.baseUri() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> queryOf(String uri) {
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(uri).getRawQuery().split("&")) {
            String[] nameValue = pair.split("=", 2);
            params.put(URLDecoder.decode(nameValue[0], UTF_8), URLDecoder.decode(nameValue[1], UTF_8));
        }
        return params;
    }

    private static String basic(String id, String secret) {
        String pair = URLEncoder.encode(id, UTF_8) + ":" + URLEncoder.encode(secret, UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(UTF_8));
    }

    private static String challenge(String verifier) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    /** A clock the test moves on, so that a code expires without waiting. */
    private static final class TestClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
