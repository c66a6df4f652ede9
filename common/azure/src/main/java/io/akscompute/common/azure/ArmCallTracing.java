package io.akscompute.common.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.akscompute.common.tracing.Spans;
import io.akscompute.common.tracing.TraceContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import reactor.core.publisher.Mono;

/**
 * A client span per request to Azure Resource Manager, a child of the span current when the call is made (the
 * saga step, the participant's work), with the W3C {@code traceparent} header on the request. Per call, not per
 * try: it is added before the SDK's retry policy, which may retry on another thread where the step's span is no
 * longer current; the tries are counted by {@link ArmCallMetrics}.
 */
public final class ArmCallTracing implements HttpPipelinePolicy {
    static final String API = "akscompute.azure.api";

    private final Tracer tracer;

    public ArmCallTracing(OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer(Spans.SCOPE);
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_CALL;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        if (!Span.current().getSpanContext().isValid()) {
            return next.process(); // outside an operation (a catalog refresh, a sweep): no trace to add to
        }
        HttpRequest request = context.getHttpRequest();
        String method = request.getHttpMethod().name();
        String api = ArmCallMetrics.api(request.getUrl().getPath());
        Span span = tracer.spanBuilder("HTTP " + method).setSpanKind(SpanKind.CLIENT).setParent(Context.current())
                .setAttribute("http.request.method", method)
                .setAttribute("server.address", request.getUrl().getHost())
                .setAttribute("url.path", request.getUrl().getPath())
                .setAttribute(API, api).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            TraceContext.current().headers().forEach(h -> request.setHeader(h.getKey(), h.getValue()));
        }
        return next.process().doOnSuccess(response -> {
            if (response != null) {
                span.setAttribute("http.response.status_code", response.getStatusCode());
                if (response.getStatusCode() >= 400) {
                    span.setStatus(StatusCode.ERROR);
                }
            }
            span.end();
        }).doOnError(e -> {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            span.end();
        }).doOnCancel(span::end);
    }
}
