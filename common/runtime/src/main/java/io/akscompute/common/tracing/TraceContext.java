package io.akscompute.common.tracing;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.extensions.DistributedTracingExtension;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A W3C trace context as the CloudEvents distributed-tracing extension carries it ({@code traceparent},
 * {@code tracestate}): the one place that reads it from an event, writes it onto one, takes it from the current
 * span and turns it into the parent of a new one. Whatever a record says is checked by the W3C propagator; a
 * malformed value counts as none (the operation starts a trace of its own), an overlong tracestate is dropped, so
 * that neither a record's bounds nor its decoding depend on what a sender put there.
 */
public record TraceContext(String traceparent, String tracestate) {
    public static final String TRACEPARENT = DistributedTracingExtension.TRACEPARENT;
    public static final String TRACESTATE = DistributedTracingExtension.TRACESTATE;
    public static final TraceContext NONE = new TraceContext(null, null);
    /** The W3C limit (32 members of at most 256 characters would exceed it; senders keep it short). */
    static final int MAX_TRACESTATE = 512;

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** The trace context of an event; {@link #NONE} when it carries none or a malformed one. */
    public static TraceContext of(CloudEvent event) {
        return event == null ? NONE : of(text(event.getExtension(TRACEPARENT)), text(event.getExtension(TRACESTATE)));
    }

    /** Checked and normalised: what the W3C propagator accepts, or {@link #NONE}. */
    public static TraceContext of(String traceparent, String tracestate) {
        if (traceparent == null || traceparent.length() > 128) {
            return NONE;
        }
        Map<String, String> carrier = new HashMap<>(2);
        carrier.put(TRACEPARENT, traceparent.trim());
        if (tracestate != null && !tracestate.isBlank() && tracestate.length() <= MAX_TRACESTATE) {
            carrier.put(TRACESTATE, tracestate.trim());
        }
        return of(Span.fromContext(W3C.extract(Context.root(), carrier, GETTER)).getSpanContext());
    }

    /** The context of the span current on this thread; {@link #NONE} outside one. */
    public static TraceContext current() {
        return of(Span.current().getSpanContext());
    }

    private static TraceContext of(SpanContext span) {
        if (!span.isValid()) {
            return NONE;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.root().with(Span.wrap(span)), carrier, Map::put);
        String state = carrier.get(TRACESTATE);
        return new TraceContext(carrier.get(TRACEPARENT),
                state == null || state.isEmpty() || state.length() > MAX_TRACESTATE ? null : state);
    }

    public boolean present() {
        return traceparent != null;
    }

    /** The trace id (32 hex digits), or null. */
    public String traceId() {
        return present() ? traceparent.substring(3, 35) : null;
    }

    /** The event with this context in its extension attributes (unchanged when there is none). */
    public CloudEvent on(CloudEvent event) {
        if (!present()) {
            return event;
        }
        CloudEventBuilder b = CloudEventBuilder.v1(event).withExtension(TRACEPARENT, traceparent);
        if (tracestate != null) {
            b.withExtension(TRACESTATE, tracestate);
        }
        return b.build();
    }

    /** A context whose span is this remote parent; the root context when there is none (a new trace). */
    public Context asParent() {
        if (!present()) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>(2);
        carrier.put(TRACEPARENT, traceparent);
        if (tracestate != null) {
            carrier.put(TRACESTATE, tracestate);
        }
        return W3C.extract(Context.root(), carrier, GETTER);
    }

    /** The headers an HTTP request carries to continue this trace. */
    public List<Map.Entry<String, String>> headers() {
        if (!present()) {
            return List.of();
        }
        return tracestate == null ? List.of(Map.entry(TRACEPARENT, traceparent))
                : List.of(Map.entry(TRACEPARENT, traceparent), Map.entry(TRACESTATE, tracestate));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
