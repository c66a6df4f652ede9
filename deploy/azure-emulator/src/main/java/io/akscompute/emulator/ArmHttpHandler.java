package io.akscompute.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Serves ARM: matches the route and counts the call, then applies authentication (401), api-version
 * (400), throttling (429) and injected faults, before the resource logic in {@link ArmResources} runs.
 */
final class ArmHttpHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(ArmHttpHandler.class.getName());

    private final ObjectMapper json;
    private final ArmRoutes routes;
    private final ArmResources arm;
    private final FaultInjector faults;
    private final RequestCounter counts;
    private final RequestThrottle throttle = new RequestThrottle();
    private final ArmBudget budget = new ArmBudget();
    /** The pseudo-operation under which the request counts show the 429s the ARM budget answered. */
    static final String BUDGET_SPENT = "TooManyRequests_SubscriptionBudget";

    ArmHttpHandler(ObjectMapper json, ArmRoutes routes, ArmResources arm, FaultInjector faults,
                   RequestCounter counts) {
        this.json = json;
        this.routes = routes;
        this.arm = arm;
        this.faults = faults;
        this.counts = counts;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            ArmResponse response;
            try {
                response = serve(exchange);
            } catch (ArmException e) {
                response = error(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response = error(new ArmException(503, "ServiceUnavailable", "The emulator is stopping."));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "ARM call failed: " + exchange.getRequestURI(), e);
                response = error(new ArmException(500, "InternalServerError", e.toString()));
            }
            write(exchange, response);
        } finally {
            exchange.close();
        }
    }

    private ArmResponse serve(HttpExchange exchange) throws IOException, InterruptedException {
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        ArmRoutes.Match match = routes.match(method, uri.getPath()).orElseThrow(() -> {
            LOG.log(System.Logger.Level.WARNING, "The emulator does not serve " + method + " " + uri);
            return ArmException.notFound("InvalidResourceType",
                    "The Azure emulator does not serve " + method + " " + uri.getPath() + ".");
        });
        ArmRoutes.Route route = match.route();
        counts.increment(route.operation());
        requireBearer(exchange);
        EmulatorSettings settings = arm.settings();
        if (settings.denies(match.path().get("sub"))) {
            throw new ArmException(403, "AuthorizationFailed", "The client '" + CLIENT_ID + "' with object id '"
                    + CLIENT_ID + "' does not have authorization to perform action '" + action(method, uri.getPath())
                    + "' over scope '" + uri.getPath() + "' or the scope is invalid. If access was recently granted, "
                    + "please refresh your credentials.");
        }

        Map<String, String> query = parseQuery(uri.getRawQuery());
        String apiVersion = query.get("api-version");
        if (apiVersion == null || apiVersion.isBlank()) {
            throw ArmException.badRequest("MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
        }
        if (!route.apiVersions().contains(apiVersion)) {
            throw ArmException.badRequest("InvalidApiVersionParameter", "The api-version '" + apiVersion
                    + "' is invalid. The supported versions are '" + String.join(",", new TreeSet<>(route.apiVersions()))
                    + "'.");
        }

        int wait = throttle.admit(settings.requestsPerSecond(), System.currentTimeMillis());
        if (wait > 0) {
            throw new ArmException(429, "TooManyRequests", "The request is being throttled: more than "
                    + settings.requestsPerSecond() + " requests per second.",
                    Map.of("Retry-After", Integer.toString(Math.max(wait, settings.retryAfterSeconds()))));
        }
        String sub = match.path().get("sub");
        ArmBudget.Spent spent = null;
        boolean write = !"GET".equals(method) && !"HEAD".equals(method);
        if (sub != null) {
            spent = budget.spend(sub, write, write ? settings.writesPerHour() : settings.readsPerHour(),
                    System.nanoTime());
            if (!spent.admitted()) {
                counts.increment(BUDGET_SPENT);
                throw new ArmException(429, "SubscriptionRequestsThrottled", "Number of " + (write ? "write" : "read")
                        + " requests for subscription '" + sub + "' exceeded the limit of '"
                        + (write ? settings.writesPerHour() : settings.readsPerHour()) + "' for time interval "
                        + "'01:00:00'. Please try again after '" + spent.retryAfterSeconds() + "' seconds.",
                        Map.of("Retry-After", Integer.toString(spent.retryAfterSeconds()),
                                write ? ArmBudget.REMAINING_WRITES : ArmBudget.REMAINING_READS, "0"));
            }
        }
        Optional<Fault> respond = faults.take(route.operation(), Fault.Kind.RESPOND, uri.getPath());
        if (respond.isPresent()) {
            Fault fault = respond.get();
            Map<String, String> headers = fault.status() == 429 || fault.status() == 503
                    ? Map.of("Retry-After", Integer.toString(settings.retryAfterSeconds())) : Map.of();
            throw new ArmException(fault.status(), fault.code(), fault.message(), headers);
        }
        Optional<Fault> hang = faults.take(route.operation(), Fault.Kind.HANG, uri.getPath());
        if (hang.isPresent()) {
            Thread.sleep(hang.get().hangMillis());
        }

        String baseUrl = "https://" + exchange.getRequestHeaders().getFirst("Host");
        String selfUrl = baseUrl + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        ArmResponse response;
        try {
            response = route.handler().handle(new ArmRoutes.Call(match.path(), apiVersion, query,
                    readBody(exchange), baseUrl, selfUrl, exchange.getRequestHeaders().getFirst("If-None-Match")));
        } catch (ArmException e) {
            if (e.status() == 412) {
                counts.increment(EmulatorControl.preconditionFailed(route.operation()));
            }
            throw e;
        }
        if (spent != null && spent.remaining() >= 0) {
            response.header(write ? ArmBudget.REMAINING_WRITES : ArmBudget.REMAINING_READS,
                    Long.toString(spent.remaining()));
        }
        return response;
    }

    /** The identity the emulator says is calling: the object id of akscompute's managed identity. */
    static final String CLIENT_ID = "9a3e5b7c-0d1f-4e2a-8b6c-5d2e1f0a9b01";

    /**
     * The RBAC action ARM names in a refusal: the resource type of the path and read, write, delete, or for a POST
     * the operation's own name, e.g. {@code Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action}.
     */
    static String action(String method, String path) {
        String[] s = path.split("/");
        StringBuilder type = new StringBuilder();
        int provider = -1;
        for (int i = 0; i < s.length; i++) {
            if (s[i].equalsIgnoreCase("providers") && i + 1 < s.length) {
                provider = i + 1;
            }
        }
        if (provider < 0) {
            type.append(s.length > 3 && s[3].equalsIgnoreCase("resourcegroups")
                    ? "Microsoft.Resources/subscriptions/resourceGroups" : "Microsoft.Resources/subscriptions");
        } else {
            type.append(s[provider]);
            // type segments are every other one after the provider: managedClusters/{name}/agentPools/{pool}
            for (int i = provider + 1; i < s.length; i += 2) {
                type.append('/').append(s[i]);
            }
        }
        String verb = switch (method) {
            case "GET", "HEAD" -> "read";
            case "PUT", "PATCH" -> "write";
            case "DELETE" -> "delete";
            default -> "action";
        };
        return type + "/" + verb;
    }

    /** ARM only checks that a bearer token is there; the emulator trusts any token. */
    private static void requireBearer(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            throw new ArmException(401, "AuthenticationFailed",
                    "Authentication failed. The 'Authorization' header is missing or is not a bearer token.",
                    Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        }
    }

    private JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try {
            bytes = RequestBodies.read(exchange, RequestBodies.ARM_LIMIT);
        } catch (RequestBodies.TooLarge e) {
            throw new ArmException(413, "RequestEntityTooLarge", e.getMessage());
        }
        if (bytes.length == 0) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ArmException.badRequest("InvalidRequestContent",
                    "The request content was invalid and could not be deserialized: " + e.getOriginalMessage());
        }
    }

    private ArmResponse error(ArmException e) {
        ObjectNode body = json.createObjectNode();
        body.putObject("error").put("code", e.code()).put("message", e.getMessage());
        ArmResponse response = ArmResponse.of(e.status(), body);
        e.headers().forEach(response::header);
        return response;
    }

    private void write(HttpExchange exchange, ArmResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        String requestId = UUID.randomUUID().toString();
        headers.set("x-ms-request-id", requestId);
        headers.set("x-ms-correlation-request-id", requestId);
        response.headers().forEach(headers::set);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        if (response.body() == null || head || response.status() == 204) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = json.writeValueAsBytes(response.body());
        headers.set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }
}
