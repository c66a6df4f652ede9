package io.akscompute.common.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** An HTTP answer with no body: a status and, maybe, Retry-After; for tests of what reads ARM's answers. */
final class Answer extends HttpResponse {
    private final int status;
    private final HttpHeaders headers = new HttpHeaders();

    Answer(HttpRequest request, int status, String retryAfter) {
        super(request);
        this.status = status;
        if (retryAfter != null) {
            headers.set(HttpHeaderName.RETRY_AFTER, retryAfter);
        }
    }

    @Override
    public int getStatusCode() {
        return status;
    }

    @Override
    @Deprecated
    public String getHeaderValue(String name) {
        return headers.getValue(HttpHeaderName.fromString(name));
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

    @Override
    public Flux<ByteBuffer> getBody() {
        return Flux.empty();
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
        return Mono.just(new byte[0]);
    }

    @Override
    public Mono<String> getBodyAsString() {
        return Mono.just("");
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
        return Mono.just("");
    }
}
