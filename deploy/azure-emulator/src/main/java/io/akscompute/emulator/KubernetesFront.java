package io.akscompute.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every emulated cluster's Kubernetes API as AKS serves it, under {@code /kubernetes/<sub>/<rg>/<name>} on the
 * emulator's HTTPS port (its certificate names localhost and 127.0.0.1): a request without the kubeconfig's token
 * gets 401; discovery ({@code /api}, {@code /apis} and the resource lists of the groups akscompute uses) is answered
 * here, as kubectl needs it; everything else goes to the cluster's CRUD store, streamed both ways (watches too).
 */
final class KubernetesFront implements HttpHandler {
    static final String PREFIX = "/kubernetes/";
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "keep-alive", "authorization", "expect", "accept", "content-type");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArmResources arm;
    private final RequestCounter counts;
    private final FaultInjector faults;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    KubernetesFront(ArmResources arm, RequestCounter counts, FaultInjector faults) {
        this.arm = arm;
        this.counts = counts;
        this.faults = faults;
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
            // RESPOND faults by the same names: a refusal by a cluster's API server, as AKS would answer one.
            Optional<Fault> refused = faults.take(operation, Fault.Kind.RESPOND);
            if (refused.isPresent()) {
                Fault f = refused.get();
                send(exchange, f.status(), KubernetesDiscovery.status(f.status(), f.code(), f.message()));
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
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
            Optional<String> discovery = "GET".equals(exchange.getRequestMethod())
                    ? KubernetesDiscovery.answer(rest) : Optional.empty();
            if (discovery.isPresent()) {
                send(exchange, 200, discovery.get());
                return;
            }
            if (KubernetesDiscovery.isUnservedDiscovery(rest)) {
                send(exchange, 404, KubernetesDiscovery.status(404, "NotFound",
                        "the server could not find the requested resource"));
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            forward(exchange, access.get().backendUrl() + rest + (query == null ? "" : "?" + query));
        }
    }

    private void forward(HttpExchange exchange, String target) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (contentType != null && contentType.contains("protobuf")) {
            send(exchange, 415, KubernetesDiscovery.status(415, "UnsupportedMediaType", "the emulated API server "
                    + "takes JSON only; kubectl create <kind> sends protobuf: use kubectl apply -f instead"));
            return;
        }
        if (contentType != null && contentType.startsWith("application/strategic-merge-patch+json")) {
            // The store knows merge patches; for the objects akscompute writes they come out the same.
            contentType = "application/merge-patch+json";
        }
        if (body.length > 0 && target.contains("/secrets")) {
            body = secretWithData(body);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Accept", "application/json");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(exchange, 503, KubernetesDiscovery.status(503, "ServiceUnavailable", "the emulator is stopping"));
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || response.statusCode() == 204;
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : 0);
        try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush(); // a watch's events go out as they come
            }
        }
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
