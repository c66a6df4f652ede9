package io.akscompute.common.identity;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.akscompute.common.rules.access.WorkspaceRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.jose4j.json.JsonUtil;

/**
 * A small OpenID Connect provider for the local suite, authorization-code flow only, so that a web app (quarkus-oidc,
 * {@code application-type=web-app}) can sign its users in against {@link LocalIssuer}: it shows a sign-in page,
 * checks a fixed list of users and hands the app an ID token and an access token signed by the issuer, carrying the
 * users' workspace roles. One client, no consent, no session of its own (each sign-in asks for the password again),
 * for the launcher and the tests, never production.
 *
 * <p>Everything a stranger sends is bounded: request bodies, parameters, outstanding codes and threads.
 */
public final class LocalSignIn implements AutoCloseable {
    static final int MAX_BODY = 16 * 1024;
    static final int MAX_PARAMETER = 2_000;
    static final int MAX_CODES = 1_000;
    static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final int THREADS = 4;
    private static final String TITLE = "Sign in to akscompute";
    private static final System.Logger LOG = System.getLogger(LocalSignIn.class.getName());

    /** The one web app that may sign users in; its redirect URIs must match exactly (no patterns, no prefixes). */
    public record Client(String id, String secret, List<String> redirectUris) {
        public Client {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(secret, "secret");
            redirectUris = List.copyOf(redirectUris);
            for (String uri : redirectUris) {
                URI parsed = URI.create(uri);
                if (!parsed.isAbsolute() || parsed.getHost() == null || parsed.getFragment() != null) {
                    throw new IllegalArgumentException(
                            "a redirect URI is absolute, with a host and no fragment: " + uri);
                }
            }
        }

        @Override
        public String toString() { // not the secret: records print every field
            return "Client[id=" + id + ", redirectUris=" + redirectUris + "]";
        }
    }

    /** Someone who may sign in, and the workspace roles their tokens carry. */
    public record User(String name, String password, Map<String, WorkspaceRole> roles) {
        public User {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(password, "password");
            roles = Map.copyOf(roles);
        }

        @Override
        public String toString() { // not the password
            return "User[name=" + name + ", roles=" + roles + "]";
        }
    }

    /** An authorization request that names the client and one of its redirect URIs, so errors may go back there. */
    private record Authorization(Map<String, String> params, String redirectUri, String state) {}

    /** What a code stands for until it is exchanged, once, before {@code expiresAt}. */
    private record Grant(String clientId, String redirectUri, String nonce, String codeChallenge, String scope,
            User user, Instant expiresAt) {}

    /** A request refused before any endpoint looked at it: too large, malformed. */
    private static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private record Reply(int status, String contentType, String body, Map<String, String> headers) {
        static Reply html(int status, String body) {
            // A sign-in page: never cached, never framed (clickjacking), no scripts at all.
            return new Reply(status, "text/html; charset=utf-8", body, Map.of(
                    "Cache-Control", "no-store",
                    "X-Frame-Options", "DENY",
                    "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
                    "Referrer-Policy", "no-referrer"));
        }

        static Reply json(int status, Map<String, ?> body, boolean noStore) {
            return new Reply(status, "application/json", JsonUtil.toJson(body),
                    noStore ? Map.of("Cache-Control", "no-store", "Pragma", "no-cache") : Map.of());
        }

        static Reply json(String body) {
            return new Reply(200, "application/json", body, Map.of());
        }

        static Reply redirect(String location) {
            return new Reply(302, null, "", Map.of("Location", location, "Cache-Control", "no-store"));
        }

        static Reply text(int status, String body) {
            return new Reply(status, "text/plain; charset=utf-8", body, Map.of());
        }

        Reply with(String header, String value) {
            Map<String, String> more = new HashMap<>(headers);
            more.put(header, value);
            return new Reply(status, contentType, body, more);
        }
    }

    private final LocalIssuer issuer;
    private final Client client;
    private final Map<String, User> users;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService threads;
    private final URI baseUri;
    private final SecureRandom random = new SecureRandom();
    /** Outstanding codes, oldest first (all live equally long), at most {@link #MAX_CODES}. Guarded by itself. */
    private final LinkedHashMap<String, Grant> codes = new LinkedHashMap<>();

    private LocalSignIn(LocalIssuer issuer, InetSocketAddress address, SSLContext tls, Client client,
            List<User> users, Clock clock) throws IOException {
        this.issuer = issuer;
        this.client = client;
        this.clock = clock;
        Map<String, User> byName = new HashMap<>();
        for (User user : users) {
            if (byName.put(user.name(), user) != null) {
                throw new IllegalArgumentException("two users named " + user.name());
            }
        }
        this.users = Map.copyOf(byName);
        if (tls == null) {
            server = HttpServer.create(address, 0);
        } else {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        threads = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "local-sign-in");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        InetSocketAddress bound = server.getAddress();
        // Loopback and wildcard addresses are named localhost: the name a local TLS certificate carries.
        String host = bound.getAddress().isLoopbackAddress() || bound.getAddress().isAnyLocalAddress()
                ? "localhost" : bound.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        baseUri = URI.create((tls == null ? "http" : "https") + "://" + host + ":" + bound.getPort());
    }

    /**
     * Serves the sign-in on {@code address} (port 0: any free one), over TLS with {@code tls}, or plain HTTP when it
     * is null (tests only: the passwords and tokens would cross in the clear).
     */
    public static LocalSignIn start(LocalIssuer issuer, InetSocketAddress address, SSLContext tls, Client client,
            List<User> users) {
        return start(issuer, address, tls, client, users, Clock.systemUTC());
    }

    /** With a clock of the test's: the codes' lifetime is read from it. */
    static LocalSignIn start(LocalIssuer issuer, InetSocketAddress address, SSLContext tls, Client client,
            List<User> users, Clock clock) {
        try {
            return new LocalSignIn(issuer, address, tls, client, users, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the sign-in on " + address, e);
        }
    }

    /** Where it serves, e.g. {@code https://localhost:8543}: a client's {@code auth-server-url}. */
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    // ---- dispatch

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            Reply reply;
            try {
                reply = route(exchange, path, exchange.getRequestMethod());
            } catch (Refused e) {
                reply = "/token".equals(path)
                        ? Reply.json(e.status, error("invalid_request", e.getMessage()), true)
                        : Reply.text(e.status, e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the sign-in failed at " + path, e); // a bug: say where
                reply = Reply.text(500, "The sign-in failed.");
            }
            send(exchange, reply);
        } finally {
            exchange.close();
        }
    }

    private Reply route(HttpExchange exchange, String path, String method) throws IOException, Refused {
        return switch (path) {
            case "/.well-known/openid-configuration" ->
                    "GET".equals(method) ? Reply.json(200, discovery(), false) : notAllowed("GET");
            case "/jwks" -> "GET".equals(method) ? Reply.json(issuer.publicKeySet()) : notAllowed("GET");
            case "/authorize" -> switch (method) {
                case "GET" -> authorizePage(query(exchange));
                case "POST" -> signIn(form(exchange));
                default -> notAllowed("GET, POST");
            };
            case "/token" -> "POST".equals(method)
                    ? token(form(exchange), exchange.getRequestHeaders().getFirst("Authorization"))
                    : notAllowed("POST");
            case "/logout" -> "GET".equals(method) ? logout(query(exchange)) : notAllowed("GET");
            default -> Reply.text(404, "Not found.");
        };
    }

    private static Reply notAllowed(String allowed) {
        return Reply.text(405, "Method not allowed.").with("Allow", allowed);
    }

    // ---- discovery

    private Map<String, Object> discovery() {
        Map<String, Object> d = new LinkedHashMap<>();
        // The issuer name the services verify tokens against, not this server's address.
        d.put("issuer", LocalIssuer.ISSUER);
        d.put("authorization_endpoint", baseUri + "/authorize");
        d.put("token_endpoint", baseUri + "/token");
        d.put("jwks_uri", baseUri + "/jwks");
        d.put("end_session_endpoint", baseUri + "/logout");
        d.put("response_types_supported", List.of("code"));
        d.put("response_modes_supported", List.of("query"));
        d.put("subject_types_supported", List.of("public"));
        d.put("id_token_signing_alg_values_supported", List.of("RS256"));
        d.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        d.put("grant_types_supported", List.of("authorization_code"));
        d.put("scopes_supported", List.of("openid", "profile"));
        d.put("code_challenge_methods_supported", List.of("S256"));
        d.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "nonce", "name", "preferred_username",
                LocalIssuer.ROLES_CLAIM));
        return d;
    }

    // ---- authorization endpoint

    /**
     * The request if it names the client and one of its redirect URIs, else null: then nothing may be redirected
     * anywhere (an open redirector otherwise), only a page shown.
     */
    private Authorization authorization(Map<String, String> params) {
        String redirectUri = params.get("redirect_uri");
        if (!client.id().equals(params.get("client_id")) || !client.redirectUris().contains(redirectUri)) {
            return null;
        }
        return new Authorization(params, redirectUri, params.get("state"));
    }

    private Reply badAuthorization(Map<String, String> params) {
        String problem = !client.id().equals(params.get("client_id"))
                ? "The application asking you to sign in (client_id) is not known here."
                : "The address to return to (redirect_uri) is not registered for this application.";
        return Reply.html(400, page("<h1>Cannot sign in</h1>\n<p>" + escape(problem) + "</p>"));
    }

    /** Errors the client should hear about, sent back to its (registered) redirect URI. */
    private static Reply authorizationError(Authorization request, String error, String description) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        if (request.state() != null) {
            params.put("state", request.state());
        }
        return Reply.redirect(appendQuery(request.redirectUri(), params));
    }

    /** The request's own errors (beyond client and redirect URI), or null when it may go on to the sign-in. */
    private static Reply requestError(Authorization request) {
        Map<String, String> p = request.params();
        if (p.get("response_type") == null) {
            return authorizationError(request, "invalid_request", "response_type is missing");
        }
        if (!"code".equals(p.get("response_type"))) {
            return authorizationError(request, "unsupported_response_type", "only response_type=code is supported");
        }
        String challenge = p.get("code_challenge");
        String method = p.get("code_challenge_method");
        // Only S256: a missing method would mean plain, which protects nothing against a leaked request.
        if ((challenge != null && !"S256".equals(method)) || (challenge == null && method != null)) {
            return authorizationError(request, "invalid_request",
                    "code_challenge needs code_challenge_method=S256 and the other way round");
        }
        return null;
    }

    private Reply authorizePage(Map<String, String> params) {
        Authorization request = authorization(params);
        if (request == null) {
            return badAuthorization(params);
        }
        Reply error = requestError(request);
        return error != null ? error : Reply.html(200, signInPage(request, "", null));
    }

    private Reply signIn(Map<String, String> form) {
        Authorization request = authorization(form);
        if (request == null) {
            return badAuthorization(form);
        }
        Reply error = requestError(request);
        if (error != null) {
            return error;
        }
        String name = form.getOrDefault("username", "");
        User user = check(name, form.getOrDefault("password", ""));
        if (user == null) {
            return Reply.html(401, signInPage(request, name, "Wrong user name or password."));
        }
        String scope = form.getOrDefault("scope", "openid");
        String code = newCode(new Grant(client.id(), request.redirectUri(), form.get("nonce"),
                form.get("code_challenge"), scope, user, clock.instant().plus(CODE_LIFETIME)));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        if (request.state() != null) {
            params.put("state", request.state());
        }
        return Reply.redirect(appendQuery(request.redirectUri(), params));
    }

    /** The user if the password is theirs; the same work whether the user exists or not, and in constant time. */
    private User check(String name, String password) {
        User user = users.get(name);
        String expected = user != null ? user.password() : "\u0000no such user";
        boolean match = MessageDigest.isEqual(sha256(password), sha256(expected));
        return user != null && match ? user : null;
    }

    private String newCode(Grant grant) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        synchronized (codes) {
            Instant now = clock.instant();
            for (Iterator<Grant> it = codes.values().iterator(); it.hasNext(); ) {
                Grant oldest = it.next();
                if (now.isBefore(oldest.expiresAt()) && codes.size() < MAX_CODES) {
                    break;
                }
                it.remove(); // expired, or the oldest when there are too many
            }
            codes.put(code, grant);
        }
        return code;
    }

    private String signInPage(Authorization request, String username, String message) {
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("response_type", "client_id", "redirect_uri", "state", "scope", "nonce",
                "code_challenge", "code_challenge_method")) {
            String value = request.params().get(name);
            if (value != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(escape(value)).append("\">\n");
            }
        }
        // A wrong password is announced (role=alert) and tied to the fields it is about; the focus goes where the
        // user types next.
        String error = message == null ? "" : "<p id=\"error\" role=\"alert\">" + escape(message) + "</p>\n";
        String invalid = message == null ? "" : " aria-invalid=\"true\" aria-describedby=\"error\"";
        String focusName = username.isEmpty() ? " autofocus" : "";
        String focusPassword = username.isEmpty() ? "" : " autofocus";
        return page("<h1>" + TITLE + "</h1>\n" + error + """
                <form method="post" action="/authorize">
                %s<p><label for="username">User name</label><br>
                <input id="username" name="username" type="text" autocomplete="username" required value="%s"%s%s></p>
                <p><label for="password">Password</label><br>
                <input id="password" name="password" type="password" autocomplete="current-password" required%s%s></p>
                <p><button id="sign-in" type="submit">Sign in</button></p>
                </form>""".formatted(hidden, escape(username), invalid, focusName, invalid, focusPassword));
    }

    private static String page(String main) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem}
                input,button{font-size:1rem;padding:.4rem}#error{color:#a00000;font-weight:bold}</style>
                </head>
                <body>
                <main>
                %s
                </main>
                </body>
                </html>
                """.formatted(TITLE, main);
    }

    // ---- token endpoint

    private Reply token(Map<String, String> form, String authorization) {
        String grantType = form.get("grant_type");
        if (grantType == null) {
            return tokenError(400, "invalid_request", "grant_type is missing");
        }
        if (!"authorization_code".equals(grantType)) {
            return tokenError(400, "unsupported_grant_type", "only authorization_code is supported");
        }
        Reply clientError = authenticate(form, authorization);
        if (clientError != null) {
            return clientError;
        }
        String code = form.get("code");
        if (code == null || form.get("redirect_uri") == null) {
            return tokenError(400, "invalid_request", "code and redirect_uri are required");
        }
        Grant grant;
        synchronized (codes) {
            grant = codes.remove(code); // single use, whatever follows
        }
        if (grant == null || !clock.instant().isBefore(grant.expiresAt())) {
            return tokenError(400, "invalid_grant", "the code is unknown, used or expired");
        }
        if (!grant.clientId().equals(client.id()) || !grant.redirectUri().equals(form.get("redirect_uri"))) {
            return tokenError(400, "invalid_grant", "the code was issued to another client or redirect_uri");
        }
        String pkceError = pkceError(grant.codeChallenge(), form.get("code_verifier"));
        if (pkceError != null) {
            return tokenError(400, "invalid_grant", pkceError);
        }
        User user = grant.user();
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("access_token", issuer.token(user.name(), user.roles(), TOKEN_LIFETIME));
        tokens.put("id_token", issuer.idToken(user.name(), client.id(), grant.nonce(), user.roles(), TOKEN_LIFETIME));
        tokens.put("token_type", "Bearer");
        tokens.put("expires_in", TOKEN_LIFETIME.toSeconds());
        tokens.put("scope", grant.scope());
        return Reply.json(200, tokens, true);
    }

    /** Null if the client proved itself, by HTTP Basic or by form fields (one of them, not both). */
    private Reply authenticate(Map<String, String> form, String authorization) {
        String id;
        String secret;
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        if (basic) {
            if (form.containsKey("client_secret")) {
                return tokenError(400, "invalid_request", "use one client authentication method, not two");
            }
            String[] pair = basicCredentials(authorization.substring(6).trim());
            if (pair == null) {
                return invalidClient(true);
            }
            id = pair[0];
            secret = pair[1];
        } else {
            id = form.get("client_id");
            secret = form.get("client_secret");
        }
        if (id == null || secret == null) {
            return invalidClient(basic);
        }
        boolean secretMatches = MessageDigest.isEqual(sha256(secret), sha256(client.secret()));
        return client.id().equals(id) && secretMatches ? null : invalidClient(basic);
    }

    /** Id and secret, each form-urlencoded before being joined (RFC 6749, 2.3.1); null if malformed. */
    private static String[] basicCredentials(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {URLDecoder.decode(decoded.substring(0, colon), UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), UTF_8)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Reply invalidClient(boolean basic) {
        Reply reply = tokenError(401, "invalid_client", "client authentication failed");
        // RFC 6749, 5.2: a client that tried Basic is told which scheme to use.
        return basic ? reply.with("WWW-Authenticate", "Basic realm=\"akscompute\"") : reply;
    }

    /** Why the verifier does not prove the code's challenge, or null if it does (RFC 7636, S256). */
    private static String pkceError(String challenge, String verifier) {
        if (challenge == null) {
            // A verifier for a request that sent no challenge: a downgrade attempt, or a confused client.
            return verifier == null ? null : "code_verifier without a code_challenge";
        }
        if (verifier == null) {
            return "code_verifier is missing";
        }
        String computed = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        return MessageDigest.isEqual(computed.getBytes(UTF_8), challenge.getBytes(UTF_8))
                ? null : "code_verifier does not match code_challenge";
    }

    private static Reply tokenError(int status, String error, String description) {
        return Reply.json(status, error(error, description), true);
    }

    private static Map<String, String> error(String error, String description) {
        return Map.of("error", error, "error_description", description);
    }

    // ---- logout

    /** Nothing to end here (no session is kept); only a way back to the app, if it is the app's. */
    private Reply logout(Map<String, String> params) {
        String target = params.get("post_logout_redirect_uri");
        if (target != null && mayReturnTo(target)) {
            String state = params.get("state");
            return Reply.redirect(state == null ? target : appendQuery(target, Map.of("state", state)));
        }
        return Reply.html(200, page("<h1>Signed out</h1>\n<p>You are signed out. You may close this page.</p>"));
    }

    /** One of the client's redirect URIs, or an address of the same origin (scheme, host and port) as one. */
    private boolean mayReturnTo(String target) {
        if (client.redirectUris().contains(target)) {
            return true;
        }
        String origin = origin(target);
        return origin != null && client.redirectUris().stream().anyMatch(uri -> origin.equals(origin(uri)));
    }

    /** Parsed, not compared as text: {@code https://localhost:8443.evil.example} starts with a local origin. */
    private static String origin(String uri) {
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme();
            if (parsed.getHost() == null || parsed.getRawUserInfo() != null || parsed.getFragment() != null
                    || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                return null;
            }
            int port = parsed.getPort() != -1 ? parsed.getPort() : "https".equalsIgnoreCase(scheme) ? 443 : 80;
            return scheme.toLowerCase(Locale.ROOT) + "://" + parsed.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    // ---- HTTP plumbing

    private static Map<String, String> query(HttpExchange exchange) throws Refused {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null && raw.length() > MAX_BODY) {
            throw new Refused(414, "The request's address is too long.");
        }
        return parameters(raw);
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException, Refused {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new Refused(415, "Send application/x-www-form-urlencoded.");
        }
        if (declaredLength(exchange) > MAX_BODY) {
            throw new Refused(413, "The request is too large."); // refused before reading any of it
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1); // chunked bodies have no length to check up front
            if (body.length > MAX_BODY) {
                throw new Refused(413, "The request is too large.");
            }
            return parameters(new String(body, UTF_8));
        }
    }

    /** The Content-Length, or -1 if none is given (the server itself refuses a malformed one). */
    private static long declaredLength(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Form-urlencoded parameters; each at most {@link #MAX_PARAMETER} characters, none twice (RFC 6749, 3.1). */
    private static Map<String, String> parameters(String raw) throws Refused {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Refused(400, "A parameter is not properly encoded.");
            }
            if (name.length() > MAX_PARAMETER || value.length() > MAX_PARAMETER) {
                throw new Refused(400, "A parameter is too long.");
            }
            if (params.put(name, value) != null) {
                throw new Refused(400, "The parameter " + name + " is given twice.");
            }
        }
        return params;
    }

    private static String appendQuery(String uri, Map<String, String> params) {
        StringBuilder b = new StringBuilder(uri).append(uri.contains("?") ? '&' : '?');
        params.forEach((name, value) -> b.append(URLEncoder.encode(name, UTF_8)).append('=')
                .append(URLEncoder.encode(value, UTF_8)).append('&'));
        b.setLength(b.length() - 1);
        return b.toString();
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = reply.body().getBytes(UTF_8);
        if (reply.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
