package io.akscompute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** The services' read-only REST endpoints (and tls-manager's certificate upload). */
final class Rest {

    record Response(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }

        /** The service's problem answer as one line: {@code code: message}, or the status and body. */
        String problem() {
            JsonNode json = StatusStream.readOrNull(body);
            if (json != null && json.hasNonNull("message")) {
                return (json.hasNonNull("code") ? json.get("code").asText() + ": " : "") + json.get("message").asText();
            }
            return "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body.strip().lines().findFirst()
                    .orElse(""));
        }
    }

    private final String service;
    private final String baseUrl;
    private final HttpClient http;
    private String authorization;

    /** {@code trust} null: the JDK's trust store. */
    Rest(String service, String baseUrl, SSLContext trust) {
        this.service = service;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        this.http = (trust == null ? b : b.sslContext(trust)).build();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Sends the caller's bearer token (none when null). */
    Rest bearer(String token) {
        authorization = token == null ? null : "Bearer " + token;
        return this;
    }

    Response get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    Response postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery));
        } catch (IllegalArgumentException e) {
            throw CliException.unreachable("bad " + service + " URL '" + baseUrl + "': " + e.getMessage());
        }
        b.timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 401) {
                throw CliException.failed(service + " needs a valid token: log in ('akscompute login'), set "
                        + "AKSCOMPUTE_TOKEN or give --token" + (authorization == null ? "" : " (the one given was refused:"
                        + " expired, or from another issuer)"));
            }
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw CliException.unreachable("cannot reach " + service + " at " + baseUrl + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
    }

    String service() {
        return service;
    }
}
