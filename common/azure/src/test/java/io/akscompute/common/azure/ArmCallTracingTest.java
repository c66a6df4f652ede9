package io.akscompute.common.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.policy.FixedDelay;
import com.azure.core.http.policy.RetryPolicy;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** One client span per ARM call under the caller's span, and its traceparent on every try, retries included. */
class ArmCallTracingTest {
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger tries = new AtomicInteger();

    /** Throttled once (the SDK retries after a delay, on another thread), then 200. */
    private HttpPipeline pipeline() {
        return new HttpPipelineBuilder().policies(new ArmCallTracing(otel),
                new RetryPolicy(new FixedDelay(1, Duration.ofMillis(20)))).httpClient(request -> {
                    sent.add(request.getHeaders().getValue(HttpHeaderName.fromString("traceparent")));
                    return Mono.just(new Answer(request, tries.getAndIncrement() == 0 ? 429 : 200, null));
                }).build();
    }

    private static HttpRequest get() {
        return new HttpRequest(HttpMethod.GET, "https://management.azure.com/subscriptions/s/resourceGroups/rg/"
                + "providers/Microsoft.ContainerService/managedClusters/aks?api-version=2024-01-01");
    }

    @Test
    void aCallInsideAStepIsAClientSpanUnderItWithItsTraceparentOnEveryTry() {
        Span step = otel.getTracer("test").spanBuilder("AttachCluster find-cluster").startSpan();
        try (Scope ignored = step.makeCurrent()) {
            assertThat(pipeline().send(get()).block().getStatusCode()).isEqualTo(200);
        } finally {
            step.end();
        }
        SpanData call = exporter.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertThat(exporter.getFinishedSpanItems()).filteredOn(s -> s.getKind() == SpanKind.CLIENT).hasSize(1);
        assertThat(call.getName()).isEqualTo("HTTP GET");
        assertThat(call.getParentSpanId()).isEqualTo(step.getSpanContext().getSpanId());
        assertThat(call.getTraceId()).isEqualTo(step.getSpanContext().getTraceId());
        assertThat(call.getAttributes().asMap().values()).contains("Microsoft.ContainerService/managedClusters", 200L);
        assertThat(sent).hasSize(2).containsOnly("00-" + call.getTraceId() + "-" + call.getSpanId() + "-01");
    }

    @Test
    void aCallOutsideAnOperationIsNotTraced() {
        assertThat(pipeline().send(get()).block().getStatusCode()).isEqualTo(200);
        assertThat(exporter.getFinishedSpanItems()).isEmpty();
        assertThat(sent).containsOnlyNulls();
    }
}
