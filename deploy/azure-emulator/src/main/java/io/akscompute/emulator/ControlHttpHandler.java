package io.akscompute.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * The control API under {@code /_emulator} (no bearer token): the HTTP face of {@link EmulatorControl}.
 * Its answers are plain JSON; its errors use ARM's error body too.
 */
final class ControlHttpHandler implements HttpHandler {

    static final String PREFIX = "/_emulator";

    private final ObjectMapper json;
    private final EmulatorControl control;
    private final Supplier<ObjectNode> info;

    ControlHttpHandler(ObjectMapper json, EmulatorControl control, Supplier<ObjectNode> info) {
        this.json = json;
        this.control = control;
        this.info = info;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            int status = 200;
            JsonNode answer;
            try {
                answer = serve(exchange.getRequestMethod(), exchange.getRequestURI().getPath()
                        .substring(PREFIX.length()).replaceAll("/+$", ""), exchange);
                if (answer == null) {
                    status = 204;
                }
            } catch (ArmException e) {
                status = e.status();
                answer = errorBody(e.code(), e.getMessage());
            } catch (IllegalArgumentException | IOException e) {
                status = 400;
                answer = errorBody("BadRequest", e.getMessage());
            }
            if (answer == null) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(answer);
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        } finally {
            exchange.close();
        }
    }

    private JsonNode serve(String method, String path, HttpExchange exchange) throws IOException {
        String route = method + " " + path;
        switch (route) {
            case "GET /info", "GET ":
                return info.get();
            case "GET /health":
                return json.createObjectNode().put("status", "UP");
            case "POST /reset":
                control.reset();
                return null;
            case "GET /settings":
                return json.valueToTree(control.settings());
            case "PUT /settings": {
                // A partial document: only the fields given change.
                JsonNode patch = body(exchange);
                return json.valueToTree(control.updateSettings(current -> {
                    ObjectNode merged = json.valueToTree(current);
                    merged.setAll((ObjectNode) patch);
                    return json.convertValue(merged, EmulatorSettings.class);
                }));
            }
            case "GET /faults":
                return json.valueToTree(control.faults());
            case "POST /faults":
                control.injectFault(json.treeToValue(body(exchange), Fault.class));
                return json.valueToTree(control.faults());
            case "DELETE /faults":
                control.clearFaults();
                return null;
            case "GET /versions":
                return control.versions();
            case "PUT /versions":
                control.replaceVersions(body(exchange));
                return control.versions();
            case "DELETE /versions":
                control.replaceVersions(null);
                return control.versions();
            case "GET /requests":
                return json.valueToTree(control.requestCounts());
            case "DELETE /requests":
                control.clearRequestCounts();
                return null;
            case "GET /clusters":
                return json.valueToTree(control.clusters());
            default:
                return seedOrNotFound(method, path, exchange);
        }
    }

    /**
     * {@code PUT /_emulator/subscriptions/{sub}/resourceGroups/{rg}/managedClusters/{name}} or
     * {@code .../virtualNetworks/{name}} with an ARM body.
     */
    private JsonNode seedOrNotFound(String method, String path, HttpExchange exchange) throws IOException {
        String[] s = path.replaceAll("^/+", "").split("/");
        if ("PUT".equals(method) && s.length == 6 && s[0].equalsIgnoreCase("subscriptions")
                && s[2].equalsIgnoreCase("resourceGroups") && s[4].equalsIgnoreCase("managedClusters")) {
            return control.seedCluster(s[1], s[3], s[5], body(exchange));
        }
        if ("PUT".equals(method) && s.length == 6 && s[0].equalsIgnoreCase("subscriptions")
                && s[2].equalsIgnoreCase("resourceGroups") && s[4].equalsIgnoreCase("virtualNetworks")) {
            return control.seedVirtualNetwork(s[1], s[3], s[5], body(exchange));
        }
        throw ArmException.notFound("NotFound", "No control endpoint " + method + " " + PREFIX + path);
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = json.readTree(RequestBodies.read(exchange, RequestBodies.ARM_LIMIT));
        } catch (RequestBodies.TooLarge e) {
            throw new ArmException(413, "RequestEntityTooLarge", e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object");
        }
        return body;
    }

    private ObjectNode errorBody(String code, String message) {
        ObjectNode body = json.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return body;
    }
}
