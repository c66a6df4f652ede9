package io.akscompute.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonDiff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every emulated cluster's Kubernetes API as AKS serves it, under {@code /kubernetes/<sub>/<rg>/<name>} on the
 * emulator's HTTPS port (its certificate names localhost and 127.0.0.1): a request without the kubeconfig's token
 * gets 401; discovery ({@code /api}, {@code /apis} and the resource lists of the groups akscompute uses) and
 * {@code /version} are answered here, as kubectl needs them; everything else goes to the cluster's object store,
 * in-process (a watch is streamed, see {@link WatchStream}).
 */
final class KubernetesFront implements HttpHandler {
    static final String PREFIX = "/kubernetes/";
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "keep-alive", "authorization", "expect", "accept", "content-type");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The namespaces an API server refuses to delete. */
    private static final Set<String> IMMORTAL_NAMESPACES = Set.of("default", "kube-system", "kube-public");
    /** A path inside a namespace: group 1 the namespace, group 2 what follows it. */
    private static final Pattern IN_NAMESPACE = Pattern.compile("^/(?:api/v1|apis/[^/]+/[^/]+)/namespaces/([^/]+)(/.*)?$");

    private final ArmResources arm;
    private final RequestCounter counts;
    private final FaultInjector faults;

    KubernetesFront(ArmResources arm, RequestCounter counts, FaultInjector faults) {
        this.arm = arm;
        this.counts = counts;
        this.faults = faults;
    }

    /** False when interrupted (the emulator is stopping): the request is dropped. */
    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The counter's name of a Kubernetes request, ARM's style: {@code Kubernetes_Get}, {@code Kubernetes_Put}. */
    static String counted(String method) {
        return "Kubernetes_" + method.charAt(0) + method.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String operation = counted(exchange.getRequestMethod());
            counts.increment(operation);
            String path = exchange.getRequestURI().getRawPath();
            // RESPOND and HANG faults by the same names: a refusal by a cluster's API server, as AKS would answer
            // one, or a request that takes long.
            Optional<Fault> refused = faults.take(operation, Fault.Kind.RESPOND, path);
            if (refused.isPresent()) {
                Fault f = refused.get();
                send(exchange, f.status(), KubernetesDiscovery.status(f.status(), f.code(), f.message()));
                return;
            }
            Optional<Fault> hang = faults.take(operation, Fault.Kind.HANG, path);
            if (hang.isPresent() && !sleep(hang.get().hangMillis())) {
                return;
            }
            String[] parts = path.substring(PREFIX.length()).split("/", 4);
            if (parts.length < 3) {
                send(exchange, 404, KubernetesDiscovery.status(404, "NotFound", "no cluster at " + path));
                return;
            }
            Optional<ArmResources.KubernetesAccess> access = arm.kubernetesAccess(parts[0], parts[1], parts[2]);
            if (access.isEmpty()) {
                send(exchange, 404, KubernetesDiscovery.status(404, "NotFound", "no cluster at " + path));
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !access.get().tokens().contains(auth.substring(7))) {
                send(exchange, 401, KubernetesDiscovery.status(401, "Unauthorized", "Unauthorized"));
                return;
            }
            String rest = parts.length == 4 ? "/" + parts[3] : "/";
            Optional<String> discovery = !"GET".equals(exchange.getRequestMethod()) ? Optional.empty()
                    : "/version".equals(rest) ? Optional.of(access.get().api().version())
                    : KubernetesDiscovery.answer(rest);
            if (discovery.isPresent()) {
                send(exchange, 200, discovery.get());
                return;
            }
            if (KubernetesDiscovery.isUnservedDiscovery(rest)) {
                send(exchange, 404, KubernetesDiscovery.status(404, "NotFound",
                        "the server could not find the requested resource"));
                return;
            }
            KubernetesApis.ClusterApi api = access.get().api();
            String method = exchange.getRequestMethod();
            if ("GET".equals(method) || "HEAD".equals(method)) {
                dispatch(exchange, api, rest, exchange.getRequestURI().getRawQuery());
                return;
            }
            // A write and what goes with it (the read a merge patch applies to, the namespace a create needs, the
            // objects a deleted namespace takes along) happen as one against the cluster's other writes.
            synchronized (api) {
                dispatch(exchange, api, rest, exchange.getRequestURI().getRawQuery());
            }
        }
    }

    private static void dispatch(HttpExchange exchange, KubernetesApis.ClusterApi api, String path, String query)
            throws IOException {
        String method = exchange.getRequestMethod();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] body;
        try {
            body = RequestBodies.read(exchange, RequestBodies.KUBERNETES_LIMIT);
        } catch (RequestBodies.TooLarge e) {
            send(exchange, 413, KubernetesDiscovery.status(413, "RequestEntityTooLarge", e.getMessage()));
            return;
        }
        if (contentType != null && contentType.contains("protobuf")) {
            send(exchange, 415, KubernetesDiscovery.status(415, "UnsupportedMediaType", "the emulated API server "
                    + "takes JSON only; kubectl create <kind> sends protobuf: use kubectl apply -f instead"));
            return;
        }
        if (contentType != null && contentType.startsWith("application/strategic-merge-patch+json")) {
            // Taken as a merge patch (below): for the objects akscompute writes they come out the same.
            contentType = "application/merge-patch+json";
        }
        if (body.length > 0 && path.contains("/secrets")) {
            body = secretWithData(body);
        }
        if ("PATCH".equals(method) && contentType != null && contentType.startsWith("application/merge-patch+json")) {
            // The store merges with Jackson (lists appended, nulls kept); an API server follows RFC 7386. Applied
            // here, the store gets the difference as a JSON patch.
            JsonNode patch;
            try {
                patch = JSON.readTree(body);
            } catch (IOException notJson) {
                patch = null;
            }
            if (patch == null || !patch.isObject()) {
                send(exchange, 400, KubernetesDiscovery.status(400, "BadRequest",
                        "a merge patch must be a JSON object"));
                return;
            }
            MockResponse current = api.call(HttpMethod.GET, path, new byte[0]);
            if (current.code() != 200) {
                send(exchange, current.code(), current.getBody() == null ? ""
                        : new String(current.getBody().getBytes(), StandardCharsets.UTF_8));
                return;
            }
            JsonNode before = JSON.readTree(current.getBody().getBytes());
            body = JSON.writeValueAsBytes(JsonDiff.asJson(before, mergePatch(before.deepCopy(), patch)));
            contentType = "application/json-patch+json";
        }
        Matcher namespaced = IN_NAMESPACE.matcher(path);
        String namespace = namespaced.matches() ? namespaced.group(1) : null;
        boolean intoNamespace = namespace != null && namespaced.group(2) != null && namespaced.group(2).length() > 1;
        if ("POST".equals(method) && intoNamespace
                && api.call(HttpMethod.GET, "/api/v1/namespaces/" + namespace, new byte[0]).code() != 200) {
            // An API server creates nothing in a namespace that is not there (or no longer).
            send(exchange, 404, KubernetesDiscovery.status(404, "NotFound",
                    "namespaces \"" + namespace + "\" not found"));
            return;
        }
        if ("DELETE".equals(method) && namespace != null && !intoNamespace && path.startsWith("/api/v1/")
                && IMMORTAL_NAMESPACES.contains(namespace)) {
            // The API server's namespace lifecycle admission keeps these.
            send(exchange, 403, KubernetesDiscovery.status(403, "Forbidden", "namespaces \"" + namespace
                    + "\" is forbidden: this namespace may not be deleted"));
            return;
        }
        HttpMethod storeMethod;
        try {
            storeMethod = HttpMethod.valueOf("HEAD".equals(method) ? "GET" : method);
        } catch (IllegalArgumentException unknown) {
            send(exchange, 405, KubernetesDiscovery.status(405, "MethodNotAllowed", method + " is not allowed"));
            return;
        }
        Headers.Builder headers = Headers.builder();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> headers.add(name, v));
            }
        });
        if (contentType != null) {
            headers.add("Content-Type", contentType);
        }
        RecordedRequest request = new RecordedRequest("HTTP/1.1", storeMethod, path + (query == null ? "" : "?" + query),
                headers.build(), new Buffer(body));
        MockResponse response = api.store().dispatch(request);
        if ("DELETE".equals(method) && namespace != null && !intoNamespace && response.code() == 200
                && path.startsWith("/api/v1/")) {
            // A namespace deleted takes everything in it along (at once here; an API server finalizes it first).
            for (String collection : KubernetesDiscovery.namespacedCollections(namespace)) {
                api.call(HttpMethod.DELETE, collection, new byte[0]);
            }
        }
        if (response.getWebSocketListener() != null) {
            WatchStream.serve(exchange, request, response, query);
            return;
        }
        response.getHeaders().toMultimap().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        byte[] answer = response.getBody() == null ? new byte[0] : response.getBody().getBytes();
        boolean noBody = "HEAD".equals(method) || response.code() == 204;
        // The store answers a patch 202; an API server says 200.
        int code = "PATCH".equals(method) && response.code() == 202 ? 200 : response.code();
        exchange.sendResponseHeaders(code, noBody ? -1 : answer.length);
        if (!noBody) {
            exchange.getResponseBody().write(answer);
        }
    }

    /** RFC 7386: an object merges into an object, a null removes the member, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode merged = target.isObject() ? (ObjectNode) target : JSON.createObjectNode();
        patch.fields().forEachRemaining(member -> {
            if (member.getValue().isNull()) {
                merged.remove(member.getKey());
            } else {
                merged.set(member.getKey(), mergePatch(merged.path(member.getKey()), member.getValue()));
            }
        });
        return merged;
    }

    /** A secret's {@code stringData} becomes base64 {@code data}, as the API server stores it. */
    private static byte[] secretWithData(byte[] body) {
        try {
            JsonNode secret = JSON.readTree(body);
            if (!(secret instanceof ObjectNode object) || !object.path("stringData").isObject()) {
                return body;
            }
            ObjectNode data = object.path("data").isObject() ? (ObjectNode) object.get("data") : object.putObject("data");
            object.get("stringData").fields().forEachRemaining(e -> data.put(e.getKey(), Base64.getEncoder()
                    .encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
            object.remove("stringData");
            return JSON.writeValueAsBytes(object);
        } catch (IOException notJson) {
            return body;
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
