package io.akscompute.common.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.rest.Response;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * ARM long-running operations kept across restarts: {@link #begin} sends the request once and returns the URL to
 * poll (the saga stores it), {@link #poll} asks that URL how the operation is doing. The SDK's own pollers wait in
 * memory, which a restart loses.
 */
public final class Lro {
    /** Handle of an operation ARM finished at once (no operation URL). */
    public static final String DONE = "done";

    private static final Set<String> RUNNING = Set.of("inprogress", "accepted", "running", "creating", "updating",
            "deleting", "scaling");

    /**
     * What a poll found. {@code pollFailure} is set when the poll itself got no answer (throttled, 5xx);
     * otherwise {@code status} is the operation's, with ARM's {@code code}/{@code message} when it failed.
     */
    public record Status(String status, String code, String message, AzureFailure pollFailure, Duration retryAfter) {
        public Status(String status, String code, String message, AzureFailure pollFailure) {
            this(status, code, message, pollFailure, null);
        }

        /** When to ask again: as ARM's {@code Retry-After} says, else {@code fallback}. */
        public Duration pollAfter(Duration fallback) {
            return retryAfter != null ? retryAfter : fallback;
        }

        public boolean running() {
            return pollFailure == null && (status == null || RUNNING.contains(status.toLowerCase()));
        }

        public boolean succeeded() {
            return pollFailure == null && "Succeeded".equalsIgnoreCase(status);
        }

        public boolean failed() {
            return pollFailure == null && !running() && !succeeded();
        }
    }

    private Lro() {
    }

    /** A request ARM accepted: the URL to poll (or {@link #DONE}) and when ARM asks to be polled first. */
    public record Begun(String handle, Duration retryAfter) {
        public Duration pollAfter(Duration fallback) {
            return retryAfter != null ? retryAfter : fallback;
        }
    }

    /** Sends the request (once) and returns the URL to poll, or {@link #DONE}, with ARM's {@code Retry-After}. */
    public static Begun begin(Mono<Response<Flux<ByteBuffer>>> call) {
        Response<Flux<ByteBuffer>> response = call.block();
        response.getValue().blockLast(); // drain the body: frees the connection
        String url = response.getHeaders().getValue("Azure-AsyncOperation");
        if (url == null) {
            url = response.getHeaders().getValue("Location");
        }
        return new Begun(url == null ? DONE : url, retryAfter(response.getHeaders().getValue("Retry-After")));
    }

    /**
     * ARM's {@code Retry-After} in seconds, bounded to an hour (a bad header must not park a saga); null when absent
     * or not a number of seconds (the HTTP-date form is not used by ARM's operations).
     */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 3600));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Polls an operation URL through the client's pipeline (authentication, the SDK's retries). */
    public static Status poll(HttpPipeline pipeline, String url) {
        HttpResponse response = pipeline.send(new HttpRequest(HttpMethod.GET, url)).block();
        try (response) {
            int code = response.getStatusCode();
            String body = response.getBodyAsString().block();
            if (code >= 400) {
                AzureFailure failure = AzureFailures.ofResponse(code, body, response.getHeaderValue("Retry-After"));
                if (failure.retryable()) {
                    return new Status(null, failure.code(), failure.message(), failure);
                }
                return new Status("Failed", failure.code(), failure.message(), null);
            }
            Duration retryAfter = retryAfter(response.getHeaderValue("Retry-After"));
            if (code == 202 && (body == null || body.isBlank())) {
                return new Status("InProgress", null, null, null, retryAfter);
            }
            JsonNode node = AzureFailures.readOrEmpty(body);
            JsonNode error = node.path("error");
            String status = node.path("status").asText(node.path("properties").path("provisioningState").asText(
                    code == 200 || code == 204 ? "Succeeded" : "InProgress"));
            return new Status(status, error.isMissingNode() ? null : error.path("code").asText(null),
                    error.isMissingNode() ? null : error.path("message").asText(null), null, retryAfter);
        }
    }
}
