package io.akscompute.tlsmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.akscompute.common.contract.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain HTTP client for the REST endpoints, as a user's tool would call them. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public record Answer(int status, JsonNode body) {
    }

    private Http() {
    }

    public static ObjectNode upload(String cert, String key, String cname) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (cert != null) {
            body.put("cert", cert);
        }
        if (key != null) {
            body.put("key", key);
        }
        if (cname != null) {
            body.put("cname", cname);
        }
        return body;
    }

    /** A POST with the caller's bearer token (null: none). */
    public static Answer post(URI uri, JsonNode body, String token) {
        return post(uri, Json.write(body), token);
    }

    /** The same with the body as given, JSON or not. */
    public static Answer post(URI uri, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(bearer(request, token).build());
    }

    public static Answer get(URI uri, String token) {
        return send(bearer(HttpRequest.newBuilder(uri).GET(), token).build());
    }

    private static HttpRequest.Builder bearer(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text == null || text.isBlank() ? null : Json.MAPPER.readTree(text);
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
