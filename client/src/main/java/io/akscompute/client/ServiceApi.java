package io.akscompute.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/** A service's REST API, called with the caller's bearer token over HTTPS trusted as the client is told. */
public final class ServiceApi {

    /** An answer: its status and body. */
    public record Response(int status, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }

        /** The service's problem answer as one line: {@code code: message}, or the status and body. */
        public String problem() {
            JsonNode json = readOrNull(body);
            if (json != null && json.hasNonNull("message")) {
                return (json.hasNonNull("code") ? json.get("code").asText() + ": " : "") + json.get("message").asText();
            }
            return "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body.strip().lines().findFirst()
                    .orElse(""));
        }
    }

    /** The service answered 401: no token, or one it does not take. */
    public static final class TokenRefusedException extends AksComputeException {
        TokenRefusedException(String message) {
            super(message, false);
        }
    }

    private final String service;
    private final String baseUrl;
    private final HttpClient http;
    private final Supplier<String> token;

    /** {@code trust} null: the JDK's trust store; {@code token} may supply null (no token). */
    public ServiceApi(String service, String baseUrl, SSLContext trust, Supplier<String> token) {
        this.service = service;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        this.http = (trust == null ? b : b.sslContext(trust)).build();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    public String service() {
        return service;
    }

    public Response get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    public Response postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** The body of a 2xx answer; anything else throws with the service's reason. */
    public String body(Response response, String what) {
        if (!response.ok()) {
            throw new AksComputeException(what + ": " + response.problem(), false);
        }
        return response.body();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery));
        } catch (IllegalArgumentException e) {
            throw new AksComputeException("bad " + service + " URL '" + baseUrl + "': " + e.getMessage(), true);
        }
        b.timeout(Duration.ofSeconds(30));
        String bearer = token.get();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 401) {
                throw new TokenRefusedException(service + " needs a valid token"
                        + (request.headers().firstValue("Authorization").isEmpty() ? ""
                                : " (the one given was refused: expired, or from another issuer)"));
            }
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw AksComputeException.unreachable(service + " at " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AksComputeException("interrupted", false);
        }
    }

    static JsonNode readOrNull(String value) {
        try {
            return value == null ? null : Json.MAPPER.readTree(value);
        } catch (IOException e) {
            return null;
        }
    }
}
