package io.akscompute.common.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Runs a piece of an operation in a span of its own whose parent is a stored or received {@link TraceContext}
 * (none: a new trace), current while it runs, so that the outbox rows it writes and the Azure calls it makes carry
 * it on. Every span names the operation id, so that one can also be found by it.
 */
@ApplicationScoped
public class Spans {
    public static final String SCOPE = "io.akscompute";
    public static final String OPERATION_ID = "akscompute.operation.id";
    /** On the intake span of a command handled before: it did nothing for the operation. */
    public static final String REDELIVERED = "akscompute.redelivered";

    @Inject
    Instance<OpenTelemetry> telemetry;

    private Tracer tracer;

    @PostConstruct
    void init() {
        tracer = (telemetry.isResolvable() ? telemetry.get() : OpenTelemetry.noop()).getTracer(SCOPE);
    }

    /** Spans of that OpenTelemetry, outside CDI (plain unit tests). */
    public static Spans of(OpenTelemetry telemetry) {
        Spans spans = new Spans();
        spans.tracer = telemetry.getTracer(SCOPE);
        return spans;
    }

    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    public void run(String name, SpanKind kind, TraceContext parent, UUID operationId, Body body) throws Exception {
        call(name, kind, parent, operationId, () -> {
            body.run();
            return null;
        });
    }

    public <T> T call(String name, SpanKind kind, TraceContext parent, UUID operationId, Callable<T> body)
            throws Exception {
        Span span = tracer.spanBuilder(name).setSpanKind(kind)
                .setParent((parent == null ? TraceContext.NONE : parent).asParent()).startSpan();
        if (operationId != null) {
            span.setAttribute(OPERATION_ID, operationId.toString());
        }
        try (Scope ignored = span.makeCurrent()) {
            return body.call();
        } catch (Exception | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            span.end();
        }
    }

    /** The same for bodies that throw nothing checked. */
    public <T> T unchecked(String name, SpanKind kind, TraceContext parent, UUID operationId, Callable<T> body) {
        try {
            return call(name, kind, parent, operationId, body);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
