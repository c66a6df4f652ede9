package io.akscompute.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.contract.command.DetachCluster;
import io.akscompute.common.messaging.CommandDecoder;
import io.akscompute.common.messaging.Decoded;
import io.akscompute.common.messaging.RawCommandRecord;
import io.cloudevents.CloudEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The CloudEvents distributed-tracing extension, read and written in one place, and spans that continue it. */
class TraceContextTest {
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    private static CloudEvent detach() {
        return CloudEventRecords.command(UUID.randomUUID(), new DetachCluster("ws", "c"), "/test");
    }

    @Test
    void anEventWithoutTheExtensionHasNoContext() {
        assertThat(TraceContext.of(detach())).isEqualTo(TraceContext.NONE);
        assertThat(TraceContext.NONE.on(detach()).getExtensionNames()).doesNotContain("traceparent");
    }

    @Test
    void theExtensionSurvivesBinaryAndStructuredRecords() {
        CloudEvent event = new TraceContext(PARENT, "vendor=abc").on(detach());
        ProducerRecord<String, byte[]> binary = CloudEventRecords.binary("t", "ws/c", event);
        assertThat(CloudEventRecords.header(binary.headers(), "ce_traceparent")).isEqualTo(PARENT);
        var read = (CloudEventRecords.Event) CloudEventRecords.read(binary.headers(), binary.value());
        assertThat(TraceContext.of(read.event())).isEqualTo(new TraceContext(PARENT, "vendor=abc"));

        ProducerRecord<String, byte[]> structured = CloudEventRecords.structured("t", "ws/c", event);
        var fromJson = (CloudEventRecords.Event) CloudEventRecords.read(structured.headers(), structured.value());
        assertThat(TraceContext.of(fromJson.event()).traceparent()).isEqualTo(PARENT);
    }

    @Test
    void whatIsNotAW3CTraceparentCountsAsNone() {
        assertThat(TraceContext.of("not-a-traceparent", null)).isEqualTo(TraceContext.NONE);
        assertThat(TraceContext.of("00-00000000000000000000000000000000-00f067aa0ba902b7-01", null))
                .isEqualTo(TraceContext.NONE);
        assertThat(TraceContext.of("x".repeat(10_000), null)).isEqualTo(TraceContext.NONE);
        // An overlong tracestate is dropped; the trace itself goes on.
        TraceContext longState = TraceContext.of(PARENT, "a=" + "b".repeat(600));
        assertThat(longState.traceparent()).isEqualTo(PARENT);
        assertThat(longState.tracestate()).isNull();
    }

    @Test
    void aCommandsTraceparentReachesItsEnvelope() {
        CloudEvent event = new TraceContext(PARENT, null).on(detach());
        ProducerRecord<String, byte[]> r = CloudEventRecords.binary("aks.commands", "ws/c", event);
        var valid = (Decoded.Valid) new CommandDecoder(256 * 1024)
                .decode(new RawCommandRecord("ws/c", r.value(), r.headers()));
        assertThat(valid.envelope().trace().traceparent()).isEqualTo(PARENT);
        assertThat(valid.envelope().trace().traceId()).isEqualTo(TRACE_ID);

        String garbled = CloudEventRecords.json(detach()).replaceFirst("\\{", "{\"traceparent\":\"garbage\",");
        var stillValid = (Decoded.Valid) new CommandDecoder(256 * 1024)
                .decode(new RawCommandRecord("ws/c", garbled.getBytes(), null));
        assertThat(stillValid.envelope().trace()).isEqualTo(TraceContext.NONE);
    }

    @Test
    void theCurrentSpanIsTheContextWrittenOn() {
        SpanContext span = SpanContext.create(TRACE_ID, "b7ad6b7169203331", TraceFlags.getSampled(),
                TraceState.getDefault());
        assertThat(TraceContext.current()).isEqualTo(TraceContext.NONE);
        try (Scope ignored = Span.wrap(span).makeCurrent()) {
            assertThat(TraceContext.current())
                    .isEqualTo(new TraceContext("00-" + TRACE_ID + "-b7ad6b7169203331-01", null));
        }
    }

    @Test
    void spansContinueTheGivenTraceOrStartOne() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        Spans spans = Spans.of(OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build());
        UUID op = UUID.randomUUID();

        TraceContext inside = spans.call("AttachCluster reserve-name", SpanKind.INTERNAL,
                TraceContext.of(PARENT, null), op, TraceContext::current);
        assertThat(inside.traceId()).isEqualTo(TRACE_ID);
        SpanData step = exporter.getFinishedSpanItems().get(0);
        assertThat(step.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(step.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(inside.traceparent()).contains(step.getSpanId());
        assertThat(step.getAttributes().asMap().values()).contains(op.toString());

        TraceContext fresh = spans.call("RefreshVersions", SpanKind.CONSUMER, TraceContext.NONE, null,
                TraceContext::current);
        assertThat(fresh.present()).isTrue();
        assertThat(fresh.traceId()).isNotEqualTo(TRACE_ID);
        assertThat(exporter.getFinishedSpanItems().get(1).getParentSpanContext().isValid()).isFalse();

        assertThatThrownBy(() -> spans.run("broken", SpanKind.INTERNAL, inside, op, () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(exporter.getFinishedSpanItems().get(2).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(exporter.getFinishedSpanItems().get(2).getParentSpanId()).isEqualTo(step.getSpanId());
    }
}
